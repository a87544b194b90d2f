import type { ErrorObject } from "@aws-sdk/client-lambda";
import type { CompletionReason } from "./types/batch.js";

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

/**
 * The largest error one update may carry, as UTF-8 bytes of its JSON: the emulator's limit
 * (protocol.md §7; Lambda documents 1 MB for all error fields, the official testing emulator
 * refuses 32 KB). Decision: larger errors are cut to fit rather than refused, so a step whose error
 * is too large still fails or retries as that step, where the user's code can catch it.
 */
export const MAX_ERROR_BYTES = 32_768;

/**
 * The wire form of any error: `{ErrorType, ErrorMessage, ErrorData?}` (protocol.md §1), with
 * `ErrorData`, then `ErrorMessage`, cut to fit {@link MAX_ERROR_BYTES}.
 */
export function toErrorObject(error: unknown): ErrorObject {
  if (error instanceof DurableOperationError) return fitted(error.toErrorObject());
  const normalized = ensureError(error);
  const object: ErrorObject = { ErrorType: normalized.name, ErrorMessage: normalized.message };
  const data = (normalized as { errorData?: unknown }).errorData;
  if (typeof data === "string") object.ErrorData = data;
  return fitted(object);
}

function fitted(object: ErrorObject): ErrorObject {
  const size = jsonBytes(object);
  if (size <= MAX_ERROR_BYTES) return object;
  const cut = { ...object };
  const marker = ` [truncated: the error was ${size} bytes]`;
  for (const key of ["ErrorData", "ErrorMessage"] as const) {
    const text = object[key];
    if (text === undefined) continue;
    let keep = text.length;
    for (;;) {
      // Never split a surrogate pair.
      if (keep > 0 && /[\uD800-\uDBFF]/.test(text[keep - 1]!)) keep -= 1;
      cut[key] = text.slice(0, keep) + marker;
      const over = jsonBytes(cut) - MAX_ERROR_BYTES;
      if (over <= 0 || keep === 0) break;
      // Every character takes at least one byte, so this removes at least the excess.
      keep = Math.max(0, keep - over);
    }
    if (jsonBytes(cut) <= MAX_ERROR_BYTES) break;
  }
  return cut;
}

function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), "utf8");
}

/**
 * Base of the errors that durable operations throw to user code. The same class is thrown when
 * the operation fails live and when its failure is replayed from the checkpoint log, so a
 * `catch` behaves the same on every invocation.
 */
export abstract class DurableOperationError extends Error {
  /** The `ErrorType` written to the checkpoint log and the execution's error: the class's name. */
  abstract readonly errorType: string;
  /** What failed underneath: the error thrown, or on replay one rebuilt from the log. */
  declare cause?: Error;
  /** Optional `ErrorData` carried alongside the message. */
  errorData?: string;
  /** The recorded stack trace, when one was checkpointed. */
  stackTrace?: string[];

  /** A message left out is the class's `defaultMessage`. */
  constructor(message?: string, cause?: Error, errorData?: string) {
    const defaults = new.target as unknown as { defaultMessage: string };
    super(message ?? defaults.defaultMessage, cause === undefined ? undefined : { cause });
    if (errorData !== undefined) this.errorData = errorData;
  }

  toErrorObject(): ErrorObject {
    const object: ErrorObject = { ErrorType: this.errorType, ErrorMessage: this.message };
    if (this.errorData !== undefined) object.ErrorData = this.errorData;
    return object;
  }

  /** The message used when a recorded error has none. */
  static readonly defaultMessage: string = "Durable operation failed";

  /**
   * Rebuilds this error class from the `Error` recorded for an operation, the same way live and
   * on replay: `cause` is an `Error` named after the recorded `ErrorType`.
   */
  static fromErrorObject<E extends DurableOperationError>(
    this: (new (
      message?: string,
      cause?: Error,
      errorData?: string,
    ) => E) & {
      defaultMessage: string;
    },
    object: ErrorObject | undefined,
  ): E {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the subclass being rebuilt.
    const message = object?.ErrorMessage || this.defaultMessage;
    return new this(message, errorFromObject(object), object?.ErrorData);
  }
}

/**
 * A step failed and its retry strategy gave up. `cause` is the error of the last attempt, rebuilt
 * from the checkpoint log (its `name` is the original error's name).
 */
export class StepError extends DurableOperationError {
  override readonly name: string = "StepError";
  readonly errorType = "StepError";

  static override readonly defaultMessage: string = "Step failed";
}

/** A child context's function threw; `cause` is what it threw, rebuilt from the log. */
export class ChildContextError extends DurableOperationError {
  override readonly name: string = "ChildContextError";
  readonly errorType = "ChildContextError";

  static override readonly defaultMessage: string = "Child context failed";
}

/** A callback failed: base of the three ways it can. */
export class CallbackError extends DurableOperationError {
  override readonly name: string = "CallbackError";
  readonly errorType: string = "CallbackError";

  static override readonly defaultMessage: string = "Callback failed";
}

/** The external system reported failure through `SendDurableExecutionCallbackFailure`. */
export class CallbackExternalError extends CallbackError {
  override readonly name: string = "CallbackExternalError";
  override readonly errorType = "CallbackExternalError";
}

/** The callback's `timeout` or `heartbeatTimeout` passed without an answer. */
export class CallbackTimeoutError extends CallbackError {
  override readonly name: string = "CallbackTimeoutError";
  override readonly errorType = "CallbackTimeoutError";
}

/** `waitForCallback`'s submitter failed on every attempt its retry strategy allowed. */
export class CallbackSubmitterError extends CallbackError {
  override readonly name: string = "CallbackSubmitterError";
  override readonly errorType = "CallbackSubmitterError";
}

/** The invoked function failed, timed out or was stopped. */
export class InvokeError extends DurableOperationError {
  override readonly name: string = "InvokeError";
  readonly errorType = "InvokeError";

  static override readonly defaultMessage: string = "Invoke failed";
}

/** A `waitForCondition` check threw, or its wait strategy gave up. */
export class WaitForConditionError extends DurableOperationError {
  override readonly name: string = "WaitForConditionError";
  readonly errorType = "WaitForConditionError";

  static override readonly defaultMessage: string = "Wait for condition failed";
}

/** A `context.promise` combinator rejected; `cause` is the rejection it passed on. */
export class PromiseCombinatorError extends DurableOperationError {
  override readonly name: string = "PromiseCombinatorError";
  readonly errorType = "PromiseCombinatorError";

  static override readonly defaultMessage: string = "Promise combinator failed";
}

/** A map or parallel batch completed as failed (`BatchResult.throwIfError`, custom completion). */
export class BatchCompletionError extends DurableOperationError {
  override readonly name: string = "BatchCompletionError";
  readonly errorType = "BatchCompletionError";

  constructor(
    readonly completionReason: CompletionReason,
    message?: string,
    cause?: Error,
    errorData?: string,
  ) {
    super(message ?? `Batch completed as failed (${completionReason})`, cause, errorData);
  }
}

/**
 * An at-most-once step was found started but not finished: the invocation running it died, and the
 * step must not run again in the same attempt. The step's retry strategy decides what follows.
 */
export class StepInterruptedError extends Error {
  override readonly name: string = "StepInterruptedError";
  readonly operationId: string;

  constructor(stepId: string, stepName?: string) {
    super(
      `${stepName === undefined ? `Step ${stepId}` : `Step "${stepName}"`} was interrupted: an earlier invocation started it and did not finish. ` +
        "With AtMostOncePerRetry semantics it is not run again in the same attempt.",
    );
    this.operationId = stepId;
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
  override readonly name: string = "NonDeterministicExecutionError";
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

  /** The facts as `ErrorData` of the execution's error, for tools that read a failed replay. */
  get errorData(): string {
    return JSON.stringify({
      stepId: this.stepId,
      recorded: this.recorded,
      requested: this.requested,
    });
  }
}

/** Who a checkpoint failure takes down: the invocation (Lambda retries it) or the execution. */
export const DurableExecutionClientErrorScope = {
  INVOCATION: "INVOCATION",
  EXECUTION: "EXECUTION",
} as const;
export type DurableExecutionClientErrorScope =
  (typeof DurableExecutionClientErrorScope)[keyof typeof DurableExecutionClientErrorScope];

export interface DurableExecutionClientErrorOptions {
  /** INVOCATION when left out. */
  scope?: DurableExecutionClientErrorScope;
  cause?: unknown;
}

/**
 * A call to the durable execution service failed. `scope` decides the outcome (protocol.md §2):
 * an `INVOCATION` error makes the handler throw so Lambda invokes it again; an `EXECUTION` error
 * fails the execution. A `DurableExecutionClient` of your own may throw one to choose.
 */
export class DurableExecutionClientError extends Error {
  override readonly name: string = "DurableExecutionClientError";
  /** Recognised by {@link isDurableExecutionClientError} even from another copy of this class. */
  readonly isDurableExecutionClientError = true;
  readonly scope: DurableExecutionClientErrorScope;

  constructor(message: string, options?: DurableExecutionClientErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.scope = options?.scope ?? DurableExecutionClientErrorScope.INVOCATION;
  }
}

/**
 * Whether `error` is a {@link DurableExecutionClientError}, judged by its marker and scope rather
 * than `instanceof`, so that one thrown by a transport bundled with another copy of the runtime
 * (or the official SDK) still counts.
 */
export function isDurableExecutionClientError(
  error: unknown,
): error is DurableExecutionClientError {
  if (!(error instanceof Error)) return false;
  const candidate = error as Partial<DurableExecutionClientError>;
  return (
    candidate.isDurableExecutionClientError === true &&
    Object.values(DurableExecutionClientErrorScope).includes(
      candidate.scope as DurableExecutionClientErrorScope,
    )
  );
}

/** A configuration or argument the runtime cannot accept; it fails the execution. */
export class DurableConfigError extends Error {
  override readonly name: string = "DurableConfigError";
}

/** How a message names a call: `map`, or `map "orders"`. */
export function describeCall(method: string, name: string | undefined): string {
  return name === undefined ? method : `${method} "${name}"`;
}

/** Fails a setting (named by `what`) that is not a whole number of at least `min`. */
export function requireWholeNumber(value: number, min: number, what: string): void {
  if (!Number.isInteger(value) || value < min) {
    throw new DurableConfigError(`${what} must be a whole number of ${min} or more, got ${value}.`);
  }
}

/** Fails a call whose argument should have been a function. */
export function requireFunction(fn: unknown, method: string, name: string | undefined): void {
  if (typeof fn !== "function") {
    throw new DurableConfigError(
      `${describeCall(method, name)}: expected a function, got ${typeof fn}.`,
    );
  }
}

/** The invocation event is not a durable execution event. */
export class InvalidInvocationEventError extends Error {
  override readonly name: string = "InvalidInvocationEventError";
}

/** A value could not be serialized or deserialized; the invocation fails and Lambda retries it. */
export class SerdesError extends Error {
  override readonly name: string = "SerdesError";
}

/** A step's result is larger than the service accepts for one operation. */
export class PayloadTooLargeError extends Error {
  override readonly name: string = "PayloadTooLargeError";
}

function describe(signature: OperationSignature): string {
  const kind = signature.subType ?? signature.type;
  return signature.name === undefined ? `${kind} (unnamed)` : `${kind} "${signature.name}"`;
}

/**
 * A durable operation was started on the wrong context: inside a step body, or on a parent or
 * sibling context inside a child context. Its id would not be reproducible on replay, so the
 * execution fails.
 */
export class ContextUsageError extends Error {
  override readonly name: string = "ContextUsageError";
}

type RebuildableError = (new (
  message?: string,
  cause?: Error,
  errorData?: string,
) => DurableOperationError) & {
  defaultMessage: string;
  fromErrorObject: typeof DurableOperationError.fromErrorObject;
};

const OPERATION_ERRORS: Record<string, RebuildableError> = {
  StepError,
  ChildContextError,
  CallbackError,
  CallbackExternalError,
  CallbackTimeoutError,
  CallbackSubmitterError,
  InvokeError,
  WaitForConditionError,
  PromiseCombinatorError,
};

/**
 * Rebuilds a recorded error as the durable operation error class its `ErrorType` names, or as
 * `fallback` for any other type.
 */
export function operationErrorFromObject(
  object: ErrorObject | undefined,
  fallback: RebuildableError = ChildContextError,
): DurableOperationError {
  const type = object?.ErrorType;
  const known = type === undefined ? undefined : OPERATION_ERRORS[type];
  return (known ?? fallback).fromErrorObject(object);
}
