import type {
  ErrorObject,
  Event,
  EventError,
  EventResult,
  EventType,
  Operation,
} from "@aws-sdk/client-lambda";
import { copyData } from "../copy.js";

/** An event before the execution numbers it. */
export type EventDraft = Omit<Event, "EventId">;

/** The terminal statuses of an execution and the event each one writes. */
export type EndedStatus = "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "STOPPED";

/** protocol.md §8: the `{Payload, Truncated}` wrapper of `Input` and `Result`. */
function payloadWrapper(payload: string): EventResult {
  return { Payload: payload, Truncated: false };
}

/** protocol.md §8: the `{Payload, Truncated}` wrapper of `Error`. */
function errorWrapper(error: ErrorObject): EventError {
  return { Payload: copyData(error), Truncated: false };
}

/**
 * The common fields of an event about one operation: `SubType`, `Id`, `Name` and `ParentId`
 * exactly as on the operation (protocol.md §8), absent keys left out.
 */
function operationEvent(
  operation: Operation,
  eventType: EventType,
  at: Date,
  details: Partial<Event>,
): EventDraft {
  const event: EventDraft = { EventType: eventType };
  if (operation.SubType !== undefined) event.SubType = operation.SubType;
  event.Id = operation.Id;
  if (operation.Name !== undefined) event.Name = operation.Name;
  event.EventTimestamp = new Date(at.getTime());
  if (operation.ParentId !== undefined) event.ParentId = operation.ParentId;
  return { ...event, ...details };
}

/** EventId 1 of every history. `ExecutionTimeout` is in seconds. */
export function executionStarted(
  execution: Operation,
  input: string | undefined,
  executionTimeoutSeconds: number,
  at: Date,
): EventDraft {
  return operationEvent(execution, "ExecutionStarted", at, {
    ExecutionStartedDetails: {
      Input: input === undefined ? {} : payloadWrapper(input),
      ExecutionTimeout: executionTimeoutSeconds,
    },
  });
}

/** ExecutionSucceeded / Failed / TimedOut / Stopped. Absent result or error leaves its wrapper out. */
export function executionEnded(
  execution: Operation,
  status: EndedStatus,
  at: Date,
  outcome: { result?: string; error?: ErrorObject },
): EventDraft {
  const error = outcome.error === undefined ? {} : { Error: errorWrapper(outcome.error) };
  switch (status) {
    case "SUCCEEDED":
      return operationEvent(execution, "ExecutionSucceeded", at, {
        ExecutionSucceededDetails: {
          Result: outcome.result === undefined ? undefined : payloadWrapper(outcome.result),
        },
      });
    case "FAILED":
      return operationEvent(execution, "ExecutionFailed", at, {
        ExecutionFailedDetails: { Error: undefined, ...error },
      });
    case "TIMED_OUT":
      return operationEvent(execution, "ExecutionTimedOut", at, {
        ExecutionTimedOutDetails: error,
      });
    case "STOPPED":
      return operationEvent(execution, "ExecutionStopped", at, {
        ExecutionStoppedDetails: { Error: undefined, ...error },
      });
  }
}

/** protocol.md §8: one per invocation end, with the error when the invocation failed. */
export function invocationCompleted(
  requestId: string,
  start: Date,
  end: Date,
  error: ErrorObject | undefined,
): EventDraft {
  return {
    EventType: "InvocationCompleted",
    EventTimestamp: new Date(end.getTime()),
    InvocationCompletedDetails: {
      StartTimestamp: new Date(start.getTime()),
      EndTimestamp: new Date(end.getTime()),
      RequestId: requestId,
      ...(error === undefined ? {} : { Error: errorWrapper(error) }),
    },
  };
}

/** Every STEP START, once per attempt. */
export function stepStarted(step: Operation, at: Date): EventDraft {
  return operationEvent(step, "StepStarted", at, { StepStartedDetails: {} });
}

/**
 * protocol.md §8 / §5: SUCCEED → `RetryDetails {CurrentAttempt}`; a RETRY with a payload (a
 * waitForCondition check) → `RetryDetails {CurrentAttempt, NextAttemptDelaySeconds}`.
 * `CurrentAttempt` is the 1-based number of the attempt that just finished.
 */
export function stepSucceeded(
  step: Operation,
  at: Date,
  payload: string | undefined,
  currentAttempt: number,
  nextAttemptDelaySeconds?: number,
): EventDraft {
  return operationEvent(step, "StepSucceeded", at, {
    StepSucceededDetails: {
      Result: payload === undefined ? undefined : payloadWrapper(payload),
      RetryDetails: retryDetails(currentAttempt, nextAttemptDelaySeconds),
    },
  });
}

/**
 * protocol.md §8 / §5: FAIL → `RetryDetails {CurrentAttempt}`; a RETRY with an error →
 * `RetryDetails {CurrentAttempt, NextAttemptDelaySeconds}`.
 */
export function stepFailed(
  step: Operation,
  at: Date,
  error: ErrorObject | undefined,
  currentAttempt: number,
  nextAttemptDelaySeconds?: number,
): EventDraft {
  return operationEvent(step, "StepFailed", at, {
    StepFailedDetails: {
      Error: error === undefined ? undefined : errorWrapper(error),
      RetryDetails: retryDetails(currentAttempt, nextAttemptDelaySeconds),
    },
  });
}

function retryDetails(currentAttempt: number, nextAttemptDelaySeconds: number | undefined) {
  return nextAttemptDelaySeconds === undefined
    ? { CurrentAttempt: currentAttempt }
    : { CurrentAttempt: currentAttempt, NextAttemptDelaySeconds: nextAttemptDelaySeconds };
}

/** WAIT START: `Duration` in seconds and when the wait ends. */
export function waitStarted(
  wait: Operation,
  at: Date,
  durationSeconds: number,
  scheduledEnd: Date,
): EventDraft {
  return operationEvent(wait, "WaitStarted", at, {
    WaitStartedDetails: {
      Duration: durationSeconds,
      ScheduledEndTimestamp: new Date(scheduledEnd.getTime()),
    },
  });
}

/** The wait's timer fired. */
export function waitSucceeded(wait: Operation, at: Date, durationSeconds: number): EventDraft {
  return operationEvent(wait, "WaitSucceeded", at, {
    WaitSucceededDetails: { Duration: durationSeconds },
  });
}

/** WAIT CANCEL, with the update's error if it carried one. */
export function waitCancelled(
  wait: Operation,
  at: Date,
  error: ErrorObject | undefined,
): EventDraft {
  return operationEvent(wait, "WaitCancelled", at, {
    WaitCancelledDetails: error === undefined ? {} : { Error: errorWrapper(error) },
  });
}

/** CONTEXT START. */
export function contextStarted(context: Operation, at: Date): EventDraft {
  return operationEvent(context, "ContextStarted", at, { ContextStartedDetails: {} });
}

/** CONTEXT SUCCEED, with its payload (a summary, or `""`, under `ReplayChildren`). */
export function contextSucceeded(
  context: Operation,
  at: Date,
  payload: string | undefined,
): EventDraft {
  return operationEvent(context, "ContextSucceeded", at, {
    ContextSucceededDetails: {
      Result: payload === undefined ? undefined : payloadWrapper(payload),
    },
  });
}

/** CONTEXT FAIL. */
export function contextFailed(
  context: Operation,
  at: Date,
  error: ErrorObject | undefined,
): EventDraft {
  return operationEvent(context, "ContextFailed", at, {
    ContextFailedDetails: { Error: error === undefined ? undefined : errorWrapper(error) },
  });
}

/**
 * CALLBACK START: the generated id, and the timeouts in seconds (left out when disabled, as the
 * conformance histories show them: `Timeout: 3` only when one was set).
 */
export function callbackStarted(
  callback: Operation,
  at: Date,
  callbackId: string,
  timeoutSeconds: number,
  heartbeatTimeoutSeconds: number,
): EventDraft {
  return operationEvent(callback, "CallbackStarted", at, {
    CallbackStartedDetails: {
      CallbackId: callbackId,
      ...(heartbeatTimeoutSeconds > 0 ? { HeartbeatTimeout: heartbeatTimeoutSeconds } : {}),
      ...(timeoutSeconds > 0 ? { Timeout: timeoutSeconds } : {}),
    },
  });
}

/** SendDurableExecutionCallbackSuccess, with the result as stored. */
export function callbackSucceeded(
  callback: Operation,
  at: Date,
  result: string | undefined,
): EventDraft {
  return operationEvent(callback, "CallbackSucceeded", at, {
    CallbackSucceededDetails: {
      Result: result === undefined ? undefined : payloadWrapper(result),
    },
  });
}

/** SendDurableExecutionCallbackFailure. */
export function callbackFailed(callback: Operation, at: Date, error: ErrorObject): EventDraft {
  return operationEvent(callback, "CallbackFailed", at, {
    CallbackFailedDetails: { Error: errorWrapper(error) },
  });
}

/** A callback deadline passed: `Callback.Timeout` or `Callback.Heartbeat`. */
export function callbackTimedOut(callback: Operation, at: Date, error: ErrorObject): EventDraft {
  return operationEvent(callback, "CallbackTimedOut", at, {
    CallbackTimedOutDetails: { Error: errorWrapper(error) },
  });
}

/**
 * CHAINED_INVOKE START. `ExecutedVersion` and `DurableExecutionArn` (the child's) are present
 * when the target was found and, for the ARN, is durable; `Input` is always present, with the
 * payload when there is one (as `ExecutionStarted` has it).
 */
export function chainedInvokeStarted(
  invoke: Operation,
  at: Date,
  details: {
    functionName: string;
    tenantId?: string;
    input: string | undefined;
    executedVersion?: string;
    durableExecutionArn?: string;
  },
): EventDraft {
  return operationEvent(invoke, "ChainedInvokeStarted", at, {
    ChainedInvokeStartedDetails: {
      FunctionName: details.functionName,
      ...(details.tenantId === undefined ? {} : { TenantId: details.tenantId }),
      Input: details.input === undefined ? {} : payloadWrapper(details.input),
      ...(details.executedVersion === undefined
        ? {}
        : { ExecutedVersion: details.executedVersion }),
      ...(details.durableExecutionArn === undefined
        ? {}
        : { DurableExecutionArn: details.durableExecutionArn }),
    },
  });
}

/** The terminal statuses of a chained invoke that write an event (CANCELLED writes none). */
export type ChainedInvokeEndStatus = "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "STOPPED";

/** ChainedInvokeSucceeded / Failed / TimedOut / Stopped: the target ended. */
export function chainedInvokeEnded(
  invoke: Operation,
  status: ChainedInvokeEndStatus,
  at: Date,
  outcome: { result?: string; error?: ErrorObject },
): EventDraft {
  const error = { Error: outcome.error === undefined ? undefined : errorWrapper(outcome.error) };
  switch (status) {
    case "SUCCEEDED":
      return operationEvent(invoke, "ChainedInvokeSucceeded", at, {
        ChainedInvokeSucceededDetails: {
          Result: outcome.result === undefined ? undefined : payloadWrapper(outcome.result),
        },
      });
    case "FAILED":
      return operationEvent(invoke, "ChainedInvokeFailed", at, {
        ChainedInvokeFailedDetails: error,
      });
    case "TIMED_OUT":
      return operationEvent(invoke, "ChainedInvokeTimedOut", at, {
        ChainedInvokeTimedOutDetails: error,
      });
    case "STOPPED":
      return operationEvent(invoke, "ChainedInvokeStopped", at, {
        ChainedInvokeStoppedDetails: error,
      });
  }
}

/**
 * A copy of an event for `IncludeExecutionData: false`: every `Payload` inside `Input`, `Result`
 * and `Error` wrappers is removed (user data), the rest of the event is kept.
 */
export function withoutExecutionData(event: Event): Event {
  const copy = copyData(event) as Record<string, unknown>;
  for (const key of Object.keys(copy)) {
    if (!key.endsWith("Details")) continue;
    const details = copy[key] as Record<string, unknown>;
    for (const wrapper of ["Input", "Result", "Error"]) {
      const value = details[wrapper] as { Payload?: unknown } | undefined;
      if (value !== undefined) delete value.Payload;
    }
  }
  return copy as Event;
}
