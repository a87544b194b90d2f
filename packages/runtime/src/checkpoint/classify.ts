import { DurableExecutionClientError, isDurableExecutionClientError } from "../errors.js";

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
  // A client that classified its own failure (as the official SDK lets a transport do) is
  // taken at its word, even when its error class comes from another copy of the runtime.
  if (error instanceof DurableExecutionClientError) return error;
  if (isDurableExecutionClientError(error)) {
    return new DurableExecutionClientError(`${call} failed: ${error.message}`, {
      scope: error.scope,
      cause: error,
    });
  }
  const failure = (typeof error === "object" && error !== null ? error : {}) as ServiceFailure;
  const name = failure.name ?? "Error";
  const message = failure.message ?? String(error);
  const status = failure.$metadata?.httpStatusCode ?? failure.statusCode;
  const scope = failsExecution(name, message, status) ? "EXECUTION" : "INVOCATION";
  return new DurableExecutionClientError(`${call} failed: ${name}: ${message}`, {
    scope,
    cause: error,
  });
}

function failsExecution(name: string, message: string, status: number | undefined): boolean {
  if (/invalid checkpoint token/i.test(message)) return false;
  if (/^KMS/.test(name)) return true;
  if (name === "TooManyRequestsException" || name === "ServiceException") return false;
  // Other client errors fail the execution. Throttling (429), server errors, and no status at
  // all (the request never got an answer: network error, timeout) end only the invocation.
  return status !== undefined && status >= 400 && status < 500 && status !== 429;
}
