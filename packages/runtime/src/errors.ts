import type { ErrorObject } from "@aws-sdk/client-lambda";

/**
 * Turns anything a user threw into an `Error`, so the rest of the runtime handles one shape.
 * Strings become the message; other values are JSON-encoded.
 */
export function ensureError(value: unknown): Error {
  if (value instanceof Error) return value;
  if (typeof value === "string") return new Error(value);
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return new Error(`Non-Error value thrown: ${text}`);
}

/** The error a cause is rebuilt as on replay: an `Error` whose `name` is the recorded `ErrorType`. */
function errorFromObject(object: ErrorObject | undefined): Error | undefined {
  if (object === undefined) return undefined;
  const error = new Error(object.ErrorMessage ?? "");
  error.name = object.ErrorType ?? "Error";
  if (object.StackTrace !== undefined) error.stack = object.StackTrace.join("\n");
  return error;
}

/** The wire form of any error: `{ErrorType, ErrorMessage, ErrorData?}` (protocol.md §1). */
export function toErrorObject(error: unknown): ErrorObject {
  if (error instanceof DurableOperationError) return error.toErrorObject();
  const normalized = ensureError(error);
  const object: ErrorObject = { ErrorType: normalized.name, ErrorMessage: normalized.message };
  const data = (normalized as { errorData?: unknown }).errorData;
  if (typeof data === "string") object.ErrorData = data;
  return object;
}

/**
 * Base of the errors that durable operations throw to user code. The same class is thrown when
 * the operation fails live and when its failure is replayed from the checkpoint log, so a
 * `catch` behaves the same on every invocation.
 */
export abstract class DurableOperationError extends Error {
  /** The `ErrorType` written to the checkpoint log and the execution's error. */
  abstract readonly errorType: string;
  /** Optional `ErrorData` carried alongside the message. */
  readonly errorData: string | undefined;
  /** The recorded stack trace, when one was checkpointed. */
  readonly stackTrace: string[] | undefined;

  constructor(
    message: string,
    options?: { cause?: unknown; errorData?: string; stackTrace?: string[] },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.errorData = options?.errorData;
    this.stackTrace = options?.stackTrace;
  }

  toErrorObject(): ErrorObject {
    const object: ErrorObject = { ErrorType: this.errorType, ErrorMessage: this.message };
    if (this.errorData !== undefined) object.ErrorData = this.errorData;
    return object;
  }
}

/**
 * A step failed and its retry strategy gave up. `cause` is the error of the last attempt, rebuilt
 * from the checkpoint log (its `name` is the original error's name).
 */
export class StepError extends DurableOperationError {
  override readonly name = "StepError";
  readonly errorType = "StepError";

  /** Rebuilds the error a failed step throws, from the `Error` recorded for it. */
  static fromErrorObject(object: ErrorObject | undefined): StepError {
    return new StepError(object?.ErrorMessage ?? "Step failed", {
      cause: errorFromObject(object),
      ...(object?.ErrorData === undefined ? {} : { errorData: object.ErrorData }),
    });
  }
}

/**
 * An at-most-once step was found started but not finished: the invocation running it died, and the
 * step must not run again in the same attempt. The step's retry strategy decides what follows.
 */
export class StepInterruptedError extends Error {
  override readonly name = "StepInterruptedError";
  readonly operationId: string;

  constructor(operationId: string, stepName: string | undefined) {
    super(
      `Step ${describeName(stepName, operationId)} was interrupted: an earlier invocation started it and did not finish. ` +
        "With AtMostOncePerRetry semantics it is not run again in the same attempt.",
    );
    this.operationId = operationId;
  }
}

/** Where a replay stopped matching the checkpoint log. */
export interface OperationSignature {
  type: string;
  subType: string | undefined;
  name: string | undefined;
}

/**
 * The code asked for a different operation than the one recorded at the same position. Replays
 * must repeat the code path exactly; the execution fails, since continuing would corrupt it.
 */
export class NonDeterministicExecutionError extends Error {
  override readonly name = "NonDeterministicExecutionError";
  readonly errorType = "NonDeterministicExecutionError";
  readonly stepId: string;
  readonly recorded: OperationSignature;
  readonly requested: OperationSignature;

  constructor(stepId: string, recorded: OperationSignature, requested: OperationSignature) {
    super(
      `Replay diverged at operation ${stepId}: history has ${describe(recorded)}, code asked for ${describe(requested)}. ` +
        "Code outside steps must repeat exactly on replay: move time, randomness and I/O into steps.",
    );
    this.stepId = stepId;
    this.recorded = recorded;
    this.requested = requested;
  }
}

/** Who a checkpoint failure takes down: the invocation (Lambda retries it) or the execution. */
export type ClientErrorScope = "INVOCATION" | "EXECUTION";

/**
 * A call to the durable execution service failed. `scope` decides the outcome (protocol.md §2):
 * an `INVOCATION` error makes the handler throw so Lambda invokes it again; an `EXECUTION` error
 * fails the execution.
 */
export class DurableExecutionClientError extends Error {
  override readonly name = "DurableExecutionClientError";
  readonly scope: ClientErrorScope;

  constructor(message: string, scope: ClientErrorScope, options?: { cause?: unknown }) {
    super(message, options);
    this.scope = scope;
  }
}

/** A configuration or argument the runtime cannot accept; it fails the execution. */
export class DurableConfigError extends Error {
  override readonly name = "DurableConfigError";
}

/** The invocation event is not a durable execution event. */
export class InvalidInvocationEventError extends Error {
  override readonly name = "InvalidInvocationEventError";
}

/** A value could not be serialized or deserialized; the invocation fails and Lambda retries it. */
export class SerdesError extends Error {
  override readonly name = "SerdesError";
}

/** A step's result is larger than the service accepts for one operation. */
export class PayloadTooLargeError extends Error {
  override readonly name = "PayloadTooLargeError";
}

function describe(signature: OperationSignature): string {
  const kind = signature.subType ?? signature.type;
  return signature.name === undefined ? `${kind} (unnamed)` : `${kind} "${signature.name}"`;
}

function describeName(name: string | undefined, operationId: string): string {
  return name === undefined ? operationId : `"${name}" (${operationId})`;
}
