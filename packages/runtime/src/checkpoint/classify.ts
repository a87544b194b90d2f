import { DurableExecutionClientError } from "../errors.js";

interface ServiceFailure {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  statusCode?: number;
}

/**
 * Decides what a failed service call takes down (protocol.md §2, "Classifying checkpoint
 * errors"). Throttling, server errors, network errors and a stale token end only the invocation:
 * Lambda invokes the function again and it replays. Any other client error, and the KMS errors
 * (HTTP 502), fail the execution, since trying again would fail the same way.
 */
export function classifyClientError(error: unknown, call: string): DurableExecutionClientError {
  const failure = (typeof error === "object" && error !== null ? error : {}) as ServiceFailure;
  const name = failure.name ?? "Error";
  const message = failure.message ?? String(error);
  const status = failure.$metadata?.httpStatusCode ?? failure.statusCode;
  const text = `${call} failed: ${name}: ${message}`;

  if (/invalid checkpoint token/i.test(message)) {
    return new DurableExecutionClientError(text, "INVOCATION", { cause: error });
  }
  if (/^KMS/.test(name))
    return new DurableExecutionClientError(text, "EXECUTION", { cause: error });
  if (name === "TooManyRequestsException" || status === 429) {
    return new DurableExecutionClientError(text, "INVOCATION", { cause: error });
  }
  if (name === "ServiceException" || (status !== undefined && status >= 500)) {
    return new DurableExecutionClientError(text, "INVOCATION", { cause: error });
  }
  if (status !== undefined && status >= 400) {
    return new DurableExecutionClientError(text, "EXECUTION", { cause: error });
  }
  // No HTTP status: the request never got an answer (network error, timeout).
  return new DurableExecutionClientError(text, "INVOCATION", { cause: error });
}
