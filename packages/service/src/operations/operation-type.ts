import type {
  ErrorObject,
  Operation,
  OperationAction,
  OperationStatus,
  OperationType,
  OperationUpdate,
} from "@aws-sdk/client-lambda";
import type { Execution, InvokeTarget } from "../executions/execution.js";

/** What validation knows about an operation: stored, or as an earlier update of the request left it. */
export interface OperationState {
  Type: OperationType;
  Status: OperationStatus;
}

/** The verdict on one update: the reason it is refused, or the status it leaves the operation in. */
export type UpdateVerdict = { refused: string } | { status: OperationStatus };

/** What starting a chained invoke's target gave: the target, or the error the operation fails with. */
export type InvokeTargetStart = { started: InvokeTarget } | { failed: ErrorObject };

/**
 * What an operation type, or a checkpoint, may ask of the service beyond its own execution: new
 * tokens, callback ids indexed service-wide, chained invokes that start other executions or
 * plain function calls.
 */
export interface ServiceEnvironment {
  /** A new checkpoint token. */
  issueToken(): string;
  /** A new, unguessable callback id for this operation, indexed so the callback API finds it. */
  issueCallbackId(execution: Execution, operationId: string): string;
  /** Starts the target of a CHAINED_INVOKE START (the operation is already added, STARTED). */
  startInvokeTarget(
    execution: Execution,
    operation: Operation,
    target: string,
    payload: string | undefined,
    now: Date,
  ): InvokeTargetStart;
  /** Withdraws the target of a cancelled CHAINED_INVOKE. */
  cancelInvokeTarget(execution: Execution, operationId: string, now: Date): void;
}

/**
 * Everything the service knows about one operation type. Each type lives in its own module
 * (`step.ts`, `wait.ts`, `context.ts`, `callback.ts`, `chained-invoke.ts`, …) and is registered in
 * `operations/index.ts`.
 *
 * `check` sees only validated fields (Id, Type, Action, Name, ParentId, Payload/Error sizes and
 * combinations are checked before it); `apply` runs only after the whole request passed `check`,
 * so it never fails.
 */
export interface OperationTypeModule {
  readonly type: OperationType;
  /** protocol.md §3 "Valid actions". */
  readonly actions: readonly OperationAction[];
  /** Checks the type's own rules. `current` is undefined for a new operation. */
  check(update: OperationUpdate, current: OperationState | undefined): UpdateVerdict;
  /** Applies a checked update and returns the operation it changed. */
  apply(
    update: OperationUpdate,
    execution: Execution,
    now: Date,
    environment: ServiceEnvironment,
  ): Operation;
  /** Applies the operation's due timer (wait end, retry delay end, callback deadline). */
  fireTimer(operation: Operation, execution: Execution, now: Date): void;
  /** Whether the operation still waits on the service: a timer, a callback, a chained invoke. */
  isPending(operation: Operation): boolean;
  /** Whether the operation's state asks for a new invocation (a STEP that is READY). */
  wantsInvocation(operation: Operation): boolean;
}

/** A new operation as any START creates it (protocol.md §3: `STARTED`, `StartTimestamp = now`). */
export function newOperation(update: OperationUpdate, now: Date): Operation {
  return {
    Id: update.Id,
    ...(update.ParentId === undefined ? {} : { ParentId: update.ParentId }),
    ...(update.Name === undefined ? {} : { Name: update.Name }),
    Type: update.Type,
    ...(update.SubType === undefined ? {} : { SubType: update.SubType }),
    StartTimestamp: new Date(now.getTime()),
    Status: "STARTED",
  };
}

/**
 * protocol.md §3 for WAIT, CALLBACK and CHAINED_INVOKE: a second START is refused, and CANCEL
 * needs a STARTED operation. Returns the refusal, or undefined when the rule holds.
 */
export function startOnceOrCancelProblem(
  update: OperationUpdate,
  current: OperationState | undefined,
): string | undefined {
  const id = quoted(update.Id);
  const type = update.Type!;
  if (update.Action === "START") {
    return current === undefined
      ? undefined
      : `a ${type} can be started only once; operation ${id} already exists in status ${current.Status}`;
  }
  if (current === undefined)
    return `CANCEL needs an existing ${type}; operation ${id} does not exist`;
  if (current.Status !== "STARTED") {
    return `CANCEL is allowed only for a ${type} in status STARTED; operation ${id} is ${current.Status}`;
  }
  return undefined;
}

/** Whether `value` is absent or a plain object (an options structure). */
export function isOptionsObject(value: unknown): boolean {
  return (
    value === undefined || (value !== null && typeof value === "object" && !Array.isArray(value))
  );
}

/** `"abc"` for messages. */
export function quoted(id: string | undefined): string {
  return JSON.stringify(id ?? "");
}
