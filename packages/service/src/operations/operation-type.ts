import type {
  Operation,
  OperationAction,
  OperationStatus,
  OperationType,
  OperationUpdate,
} from "@aws-sdk/client-lambda";
import type { Execution } from "../executions/execution.js";

/** What validation knows about an operation: stored, or as an earlier update of the request left it. */
export interface OperationState {
  Type: OperationType;
  Status: OperationStatus;
}

/** The verdict on one update: the reason it is refused, or the status it leaves the operation in. */
export type UpdateVerdict = { refused: string } | { status: OperationStatus };

/**
 * Everything the service knows about one operation type. Each type lives in its own module
 * (`step.ts`, `wait.ts`, …) and is registered in `operations/index.ts`; a type with no module is
 * refused as not supported yet.
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
  apply(update: OperationUpdate, execution: Execution, now: Date): Operation;
  /** Applies the operation's due timer (wait end, retry delay end). */
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

/** `"abc"` for messages. */
export function quoted(id: string | undefined): string {
  return JSON.stringify(id ?? "");
}
