import type { ErrorObject } from "@aws-sdk/client-lambda";
import { operationPage } from "../checkpoint/checkpoint.js";
import { copyData } from "../copy.js";
import { InvalidParameterValueError } from "../errors.js";
import { describeValue, errorObjectProblem } from "../fields.js";
import { invocationCompleted } from "../history/events.js";
import type { IdSource } from "../ids.js";
import { MAX_RESPONSE_BYTES, type ServiceLimits } from "../limits.js";
import { operationTypeModule } from "../operations/index.js";
import type { InvocationOutcome, InvocationRequest } from "../types.js";
import type { Execution } from "./execution.js";

/** protocol.md §1 `DurableInvocationOutput`. */
type DurableInvocationOutput =
  | { Status: "SUCCEEDED"; Result?: string }
  | { Status: "FAILED"; Error: ErrorObject }
  | { Status: "PENDING" };

/** protocol.md §1: the service's answer to a PENDING with nothing that could ever resume it. */
export const NOTHING_PENDING_MESSAGE = "Cannot return PENDING status with no pending operations.";

/**
 * Starts an invocation: a fresh request id and checkpoint token (the previous token dies), and an
 * event holding the first `initialStatePageSize` operations with a `NextMarker` when there are more.
 */
export function beginInvocation(
  execution: Execution,
  limits: ServiceLimits,
  now: Date,
  ids: IdSource,
): InvocationRequest {
  if (execution.status !== "RUNNING") {
    throw new InvalidParameterValueError(
      `Cannot invoke durable execution ${execution.arn}: it has ended with status ${execution.status}.`,
    );
  }
  if (execution.invocation !== undefined) {
    throw new InvalidParameterValueError(
      `Cannot begin an invocation of durable execution ${execution.arn}: invocation ${execution.invocation.requestId} is still in flight. End it with endInvocation first.`,
    );
  }
  const requestId = ids.uuid();
  const token = ids.token();
  execution.invocation = { requestId, startTimestamp: new Date(now.getTime()) };
  execution.checkpointToken = token;
  execution.needsInvocation = false;
  // The event carries the whole state, so earlier service changes need no separate report.
  execution.takeServiceChanges();
  return {
    executionArn: execution.arn,
    requestId,
    event: {
      DurableExecutionArn: execution.arn,
      CheckpointToken: token,
      InitialExecutionState: operationPage(execution, 0, limits.initialStatePageSize, now),
    },
  };
}

/**
 * Ends the invocation in flight: records `InvocationCompleted`, then applies the outcome.
 * - SUCCEEDED / FAILED end the execution; PENDING keeps it running, and fails it if nothing is
 *   pending (protocol.md §1).
 * - A thrown or malformed outcome is a failed invocation: Lambda invokes the function again at once,
 *   until `maxInvocationAttempts` fail in a row, which fails the execution with the last error.
 * - If the execution ended meanwhile (stopped, timed out, or ended by an EXECUTION checkpoint), only
 *   `InvocationCompleted` is recorded, followed by a terminal event the checkpoint deferred.
 */
export function endInvocation(
  execution: Execution,
  requestId: string,
  outcome: InvocationOutcome,
  limits: ServiceLimits,
  now: Date,
): void {
  const invocation = execution.invocation;
  if (invocation === undefined || invocation.requestId !== requestId) {
    const inFlight = invocation === undefined ? "none is" : `invocation ${invocation.requestId} is`;
    throw new InvalidParameterValueError(
      `Cannot end invocation ${describeValue(requestId)} of durable execution ${execution.arn}: ${inFlight} in flight.`,
    );
  }
  execution.invocation = undefined;
  execution.checkpointToken = undefined;
  const verdict = readOutcome(outcome);
  const failure = "failure" in verdict ? verdict.failure : undefined;
  const completed = (error?: ErrorObject) =>
    execution.appendEvent(invocationCompleted(requestId, invocation.startTimestamp, now, error));

  if (execution.status !== "RUNNING") {
    completed(outcome.kind === "threw" ? failure : undefined);
    if (execution.deferredEndEvent !== undefined) {
      execution.appendEvent(execution.deferredEndEvent);
      execution.deferredEndEvent = undefined;
    }
    return;
  }
  if ("failure" in verdict) {
    completed(failure);
    execution.consecutiveFailures += 1;
    if (execution.consecutiveFailures >= limits.maxInvocationAttempts) {
      execution.end("FAILED", now, { error: verdict.failure });
    } else {
      // Decision: Lambda's retry delay for a failed durable invocation is not documented; the
      // emulator invokes again at once, so tests need no time to pass.
      execution.requestInvocation();
    }
    return;
  }
  execution.consecutiveFailures = 0;
  completed();
  const output = verdict.output;
  if (output.Status === "SUCCEEDED") {
    // An EXECUTION SUCCEED checkpoint (a result too large for the response, protocol.md §5) has
    // already ended the execution with its payload, so `Result: ""` never overwrites it here.
    execution.end("SUCCEEDED", now, { result: output.Result });
  } else if (output.Status === "FAILED") {
    execution.end("FAILED", now, { error: copyData(output.Error) });
  } else {
    resumeOrFail(execution, now);
  }
}

/**
 * After PENDING: a READY step (or any change the function has not seen) needs another invocation;
 * otherwise something must be pending (a started wait, a step waiting for its retry), or the
 * execution could never resume and fails.
 */
function resumeOrFail(execution: Execution, now: Date): void {
  let pending = false;
  for (const operation of execution.allOperations()) {
    const module = operationTypeModule(operation.Type)!;
    if (module.wantsInvocation(operation)) execution.requestInvocation();
    if (module.isPending(operation)) pending = true;
  }
  if (!pending && !execution.needsInvocation) {
    execution.end("FAILED", now, {
      error: { ErrorType: "InvalidParameterValueException", ErrorMessage: NOTHING_PENDING_MESSAGE },
    });
  }
}

/** The valid output the handler returned, or the error its invocation failed with. */
function readOutcome(
  outcome: InvocationOutcome,
): { output: DurableInvocationOutput } | { failure: ErrorObject } {
  if (outcome.kind === "threw") {
    const problem = errorObjectProblem(outcome.error);
    return problem === undefined
      ? { failure: copyData(outcome.error) }
      : {
          failure: {
            ErrorType: "Error",
            ErrorMessage: `The invocation threw, and its error ${problem}.`,
          },
        };
  }
  const problem = outputProblem(outcome.output);
  if (problem === undefined) {
    // Lambda refuses a response over its limit: the invocation fails, and is tried again.
    const bytes = Buffer.byteLength(JSON.stringify(outcome.output), "utf8");
    if (bytes > MAX_RESPONSE_BYTES) {
      return {
        failure: {
          ErrorType: "Function.ResponseSizeTooLarge",
          ErrorMessage: `Response payload size (${bytes} bytes) exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`,
        },
      };
    }
    return { output: outcome.output as DurableInvocationOutput };
  }
  // Decision: a malformed output fails the invocation (Lambda retries it), like a crash would.
  return {
    failure: {
      ErrorType: "InvalidParameterValueException",
      ErrorMessage: `Invalid durable invocation output: ${problem}. A durable function returns {Status: "SUCCEEDED", Result?: string}, {Status: "FAILED", Error: ErrorObject} or {Status: "PENDING"}.`,
    },
  };
}

/** Why `output` is not a `DurableInvocationOutput`, or undefined when it is one. */
function outputProblem(output: unknown): string | undefined {
  if (output === null || typeof output !== "object" || Array.isArray(output)) {
    return `expected an object, got ${describeValue(output)}`;
  }
  const { Status: status, Result: result, Error: error } = output as Record<string, unknown>;
  if (status === "SUCCEEDED") {
    return result === undefined || typeof result === "string"
      ? undefined
      : `Result must be a JSON string, got ${describeValue(result)}`;
  }
  if (status === "FAILED") {
    if (error === undefined) return "a FAILED output needs an Error";
    const problem = errorObjectProblem(error);
    return problem === undefined ? undefined : `Error ${problem}`;
  }
  if (status === "PENDING") return undefined;
  return `Status must be SUCCEEDED, FAILED or PENDING, got ${describeValue(status)}`;
}
