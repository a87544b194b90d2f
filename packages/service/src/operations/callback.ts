import type { ErrorObject, Operation, OperationUpdate } from "@aws-sdk/client-lambda";
import type { CallbackDeadlines, Execution } from "../executions/execution.js";
import { describeValue, isIntegerIn } from "../fields.js";
import {
  callbackFailed,
  callbackStarted,
  callbackSucceeded,
  callbackTimedOut,
} from "../history/events.js";
import { MAX_DURATION_SECONDS } from "../limits.js";
import {
  isOptionsObject,
  newOperation,
  type OperationState,
  type OperationTypeModule,
  type ServiceEnvironment,
  startOnceOrCancelProblem,
  type UpdateVerdict,
} from "./operation-type.js";

/**
 * CALLBACK (protocol.md §3): START → STARTED with a service-generated `CallbackDetails.CallbackId`
 * (returned in the same checkpoint's response) and timers for `CallbackOptions.TimeoutSeconds` and
 * `HeartbeatTimeoutSeconds` (0 or absent = none). The callback API completes it (`SUCCEEDED` /
 * `FAILED`), a heartbeat pushes its heartbeat deadline back, a passed deadline makes it
 * `TIMED_OUT`; each completion invokes the function again. CANCEL → CANCELLED, with no event
 * (protocol.md §8).
 */
export const callbackOperation: OperationTypeModule = {
  type: "CALLBACK",
  actions: ["START", "CANCEL"],

  check(update: OperationUpdate, current: OperationState | undefined): UpdateVerdict {
    const problem = startOnceOrCancelProblem(update, current);
    if (problem !== undefined) return { refused: problem };
    if (update.Action === "CANCEL") return { status: "CANCELLED" };
    const options = update.CallbackOptions;
    if (!isOptionsObject(options)) {
      return {
        refused: `CallbackOptions must be an object {TimeoutSeconds?, HeartbeatTimeoutSeconds?}, got ${describeValue(options)}`,
      };
    }
    for (const field of ["TimeoutSeconds", "HeartbeatTimeoutSeconds"] as const) {
      const seconds = options?.[field];
      if (seconds !== undefined && !isIntegerIn(seconds, 0, MAX_DURATION_SECONDS)) {
        return {
          refused: `CallbackOptions.${field} must be an integer from 0 (none) to ${MAX_DURATION_SECONDS}, got ${describeValue(seconds)}`,
        };
      }
    }
    return { status: "STARTED" };
  },

  apply(
    update: OperationUpdate,
    execution: Execution,
    now: Date,
    environment: ServiceEnvironment,
  ): Operation {
    if (update.Action === "CANCEL") {
      const callback = execution.operation(update.Id!)!;
      callback.Status = "CANCELLED";
      callback.EndTimestamp = new Date(now.getTime());
      execution.timers.delete(callback.Id!);
      return callback;
    }
    const callback = newOperation(update, now);
    execution.addOperation(callback);
    const callbackId = environment.issueCallbackId(execution, callback.Id!);
    callback.CallbackDetails = { CallbackId: callbackId };
    const timeoutSeconds = update.CallbackOptions?.TimeoutSeconds ?? 0;
    const heartbeatTimeoutSeconds = update.CallbackOptions?.HeartbeatTimeoutSeconds ?? 0;
    const deadlines: CallbackDeadlines = { callbackId, timeoutSeconds, heartbeatTimeoutSeconds };
    if (timeoutSeconds > 0) deadlines.timeoutAt = secondsAfter(now, timeoutSeconds);
    if (heartbeatTimeoutSeconds > 0) {
      deadlines.heartbeatDeadline = secondsAfter(now, heartbeatTimeoutSeconds);
    }
    execution.callbacks.set(callback.Id!, deadlines);
    armTimer(execution, callback.Id!, deadlines);
    execution.appendEvent(
      callbackStarted(callback, now, callbackId, timeoutSeconds, heartbeatTimeoutSeconds),
    );
    return callback;
  },

  fireTimer(callback: Operation, execution: Execution, now: Date): void {
    const deadlines = execution.callbacks.get(callback.Id!);
    if (callback.Status !== "STARTED" || deadlines === undefined) return;
    const timeout = deadlines.timeoutAt?.getTime() ?? Number.POSITIVE_INFINITY;
    const heartbeat = deadlines.heartbeatDeadline?.getTime() ?? Number.POSITIVE_INFINITY;
    const first = Math.min(timeout, heartbeat);
    if (first > now.getTime()) {
      armTimer(execution, callback.Id!, deadlines);
      return;
    }
    // Both deadlines passed at once: the overall timeout is the one reported.
    const error: ErrorObject =
      timeout <= heartbeat
        ? {
            ErrorType: "Callback.Timeout",
            ErrorMessage: `Callback timed out: no result within its TimeoutSeconds of ${deadlines.timeoutSeconds} seconds.`,
          }
        : {
            ErrorType: "Callback.Heartbeat",
            ErrorMessage: `Callback timed out: no heartbeat within its HeartbeatTimeoutSeconds of ${deadlines.heartbeatTimeoutSeconds} seconds.`,
          };
    completeCallback(execution, callback, { status: "TIMED_OUT", error }, now);
  },

  isPending(callback: Operation): boolean {
    return callback.Status === "STARTED";
  },

  wantsInvocation(): boolean {
    return false;
  },
};

/** How a callback ended: by the callback API or by a deadline. */
export type CallbackOutcome =
  | { status: "SUCCEEDED"; result: string | undefined }
  | { status: "FAILED" | "TIMED_OUT"; error: ErrorObject };

/**
 * Ends a STARTED callback: status, details, end time, event; the function sees the change in its
 * next checkpoint response or invocation, and is invoked again (protocol.md §3: every completion
 * re-invokes).
 */
export function completeCallback(
  execution: Execution,
  callback: Operation,
  outcome: CallbackOutcome,
  now: Date,
): void {
  const details = { ...callback.CallbackDetails };
  callback.Status = outcome.status;
  callback.EndTimestamp = new Date(now.getTime());
  execution.timers.delete(callback.Id!);
  if (outcome.status === "SUCCEEDED") {
    if (outcome.result !== undefined) details.Result = outcome.result;
    execution.appendEvent(callbackSucceeded(callback, now, outcome.result));
  } else {
    details.Error = outcome.error;
    execution.appendEvent(
      outcome.status === "FAILED"
        ? callbackFailed(callback, now, outcome.error)
        : callbackTimedOut(callback, now, outcome.error),
    );
  }
  callback.CallbackDetails = details;
  execution.noteServiceChange(callback.Id!);
  execution.requestInvocation();
}

/** A heartbeat: the heartbeat deadline, if there is one, starts again from now. */
export function heartbeatCallback(execution: Execution, callback: Operation, now: Date): void {
  const deadlines = execution.callbacks.get(callback.Id!);
  if (deadlines === undefined || deadlines.heartbeatTimeoutSeconds === 0) return;
  deadlines.heartbeatDeadline = secondsAfter(now, deadlines.heartbeatTimeoutSeconds);
  armTimer(execution, callback.Id!, deadlines);
}

/** The callback's one timer runs to its nearest deadline; none without deadlines. */
function armTimer(execution: Execution, operationId: string, deadlines: CallbackDeadlines): void {
  const times = [deadlines.timeoutAt, deadlines.heartbeatDeadline]
    .filter((time): time is Date => time !== undefined)
    .map((time) => time.getTime());
  if (times.length === 0) {
    execution.timers.delete(operationId);
    return;
  }
  execution.timers.set(operationId, {
    kind: "callback",
    operationId,
    at: new Date(Math.min(...times)),
  });
}

function secondsAfter(now: Date, seconds: number): Date {
  return new Date(now.getTime() + seconds * 1000);
}
