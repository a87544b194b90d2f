import type {
  Operation,
  OperationAction as OperationActionName,
  StepDetails,
  WaitDetails,
} from "@aws-sdk/client-lambda";

/**
 * The wire shapes of the durable execution API (protocol.md §1 to §3), under the names the
 * official SDK exports them by. They are `@aws-sdk/client-lambda`'s own types, which the runtime
 * sends and receives, plus the looser forms an event or a custom client may carry, with
 * timestamps as ISO strings where the SDK has `Date`s.
 */
export type {
  CallbackDetails,
  CallbackOptions,
  ChainedInvokeDetails,
  ChainedInvokeOptions,
  CheckpointDurableExecutionRequest,
  ContextDetails,
  ContextOptions,
  ErrorObject,
  ExecutionDetails,
  GetDurableExecutionStateRequest,
  Operation,
  OperationUpdate,
  StepDetails,
  StepOptions,
  WaitDetails,
  WaitOptions,
} from "@aws-sdk/client-lambda";

/** A timestamp as the SDK parses it, or as the JSON of an event carries it. */
export type WireTimestamp = Date | string;

export interface WireStepDetails extends Omit<StepDetails, "NextAttemptTimestamp"> {
  NextAttemptTimestamp?: WireTimestamp | undefined;
}

export interface WireWaitDetails extends Omit<WaitDetails, "ScheduledEndTimestamp"> {
  ScheduledEndTimestamp?: WireTimestamp | undefined;
}

/** An operation as an invocation event carries it: JSON, so its timestamps may be strings. */
export interface WireOperation
  extends Omit<Operation, "StartTimestamp" | "EndTimestamp" | "StepDetails" | "WaitDetails"> {
  StartTimestamp: WireTimestamp | undefined;
  EndTimestamp?: WireTimestamp | undefined;
  StepDetails?: WireStepDetails | undefined;
  WaitDetails?: WireWaitDetails | undefined;
}

/** The operations a checkpoint response brings back: those that changed since the last call. */
export interface CheckpointUpdatedExecutionState {
  Operations?: WireOperation[] | undefined;
  NextMarker?: string | undefined;
}

/**
 * What `checkpoint` answers. The runtime reads no timestamp, so it takes `LambdaClient`'s
 * answers (`Date`s) and a client of your own that passes JSON through (strings) alike.
 */
export interface CheckpointDurableExecutionResponse {
  CheckpointToken?: string | undefined;
  NewExecutionState: CheckpointUpdatedExecutionState | undefined;
}

/** What `getExecutionState` answers: one page of the execution's operations. */
export interface GetDurableExecutionStateResponse {
  Operations: WireOperation[] | undefined;
  NextMarker?: string | undefined;
}

// Declared here rather than re-exported, so that a bundle that uses none of them does not load
// @aws-sdk/client-lambda, which the runtime imports only when it first calls Lambda.
export const OperationType = {
  CALLBACK: "CALLBACK",
  CHAINED_INVOKE: "CHAINED_INVOKE",
  CONTEXT: "CONTEXT",
  EXECUTION: "EXECUTION",
  STEP: "STEP",
  WAIT: "WAIT",
} as const;
export type OperationType = (typeof OperationType)[keyof typeof OperationType];

export const OperationStatus = {
  CANCELLED: "CANCELLED",
  FAILED: "FAILED",
  PENDING: "PENDING",
  READY: "READY",
  STARTED: "STARTED",
  STOPPED: "STOPPED",
  SUCCEEDED: "SUCCEEDED",
  TIMED_OUT: "TIMED_OUT",
} as const;
export type OperationStatus = (typeof OperationStatus)[keyof typeof OperationStatus];

export const OperationAction = {
  CANCEL: "CANCEL",
  FAIL: "FAIL",
  RETRY: "RETRY",
  START: "START",
  SUCCEED: "SUCCEED",
} as const satisfies Record<string, OperationActionName>;
export type OperationAction = (typeof OperationAction)[keyof typeof OperationAction];
