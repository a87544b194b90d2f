import type { Event, ExecutionStatus, Operation } from "@aws-sdk/client-lambda";
import { copyData, copyOperation } from "../copy.js";
import type {
  CallbackDeadlines,
  InvokeTarget,
  OperationTimer,
  RestoredState,
} from "./execution.js";

/** An execution as another service (or Lambda) recorded it. */
export interface RecordedExecution {
  /** Every operation the function could see, as `GetDurableExecutionState` returns them. */
  operations: Operation[];
  /** Its `GetDurableExecutionHistory` events, if known: callback deadlines and invoke targets. */
  events?: Event[];
}

/**
 * The state a recorded execution is in before its next invocation: its operations, its timers
 * (a wait's end, a retry's next attempt, a callback's deadlines from its `CallbackStarted` event),
 * the targets of its chained invokes, and its status (from the EXECUTION operation).
 */
export function adoptedState(
  recorded: RecordedExecution,
): RestoredState & { invocationDue: boolean } {
  // The EXECUTION operation comes first, as the service keeps it (protocol.md §1).
  const operations = recorded.operations
    .map(copyOperation)
    .sort((a, b) => Number(b.Type === "EXECUTION") - Number(a.Type === "EXECUTION"));
  const events = recorded.events ?? [];
  const started = new Map<string, Event>();
  for (const event of events) {
    if (event.Id !== undefined && event.EventType?.endsWith("Started"))
      started.set(event.Id, event);
  }
  const timers: OperationTimer[] = [];
  const callbacks: [string, CallbackDeadlines][] = [];
  const invokes: [string, InvokeTarget][] = [];
  for (const operation of operations) {
    const id = operation.Id!;
    if (operation.Type === "WAIT" && operation.Status === "STARTED") {
      const at = operation.WaitDetails?.ScheduledEndTimestamp;
      if (at !== undefined) timers.push({ kind: "wait", operationId: id, at });
    }
    if (operation.Type === "STEP" && operation.Status === "PENDING") {
      const at = operation.StepDetails?.NextAttemptTimestamp;
      if (at !== undefined) timers.push({ kind: "retry", operationId: id, at });
    }
    if (operation.Type === "CALLBACK") {
      const details = started.get(id)?.CallbackStartedDetails;
      const deadlines: CallbackDeadlines = {
        callbackId: operation.CallbackDetails?.CallbackId ?? "",
        timeoutSeconds: details?.Timeout ?? 0,
        heartbeatTimeoutSeconds: details?.HeartbeatTimeout ?? 0,
      };
      const start = operation.StartTimestamp!.getTime();
      // The last heartbeat leaves no event: its deadline counts from the start, the earliest it can be.
      if (deadlines.timeoutSeconds > 0) {
        deadlines.timeoutAt = new Date(start + deadlines.timeoutSeconds * 1000);
      }
      if (deadlines.heartbeatTimeoutSeconds > 0) {
        deadlines.heartbeatDeadline = new Date(start + deadlines.heartbeatTimeoutSeconds * 1000);
      }
      callbacks.push([id, deadlines]);
      const due = [deadlines.timeoutAt, deadlines.heartbeatDeadline].filter(
        (at): at is Date => at !== undefined,
      );
      if (operation.Status === "STARTED" && due.length > 0) {
        const at = new Date(Math.min(...due.map((time) => time.getTime())));
        timers.push({ kind: "callback", operationId: id, at });
      }
    }
    if (operation.Type === "CHAINED_INVOKE") {
      const functionName = started.get(id)?.ChainedInvokeStartedDetails?.FunctionName ?? "";
      invokes.push([id, { functionName }]);
    }
  }
  const execution = operations.find((operation) => operation.Type === "EXECUTION");
  // The EXECUTION operation is STARTED while the execution runs, then takes its final status.
  const status = (
    execution?.Status === undefined || execution.Status === "STARTED" ? "RUNNING" : execution.Status
  ) as ExecutionStatus;
  const ended = status !== "RUNNING";
  const end = events.findLast((event) =>
    /^Execution(Succeeded|Failed|TimedOut|Stopped)$/.test(event.EventType ?? ""),
  );
  return {
    invocationDue: !ended && invocationDue(operations, events),
    operations,
    history: events.map((event) => copyData(event)),
    timers: ended ? [] : timers,
    callbacks,
    invokes,
    status,
    endTimestamp: execution?.EndTimestamp,
    result: end?.ExecutionSucceededDetails?.Result?.Payload,
    error:
      end?.ExecutionFailedDetails?.Error?.Payload ??
      end?.ExecutionTimedOutDetails?.Error?.Payload ??
      end?.ExecutionStoppedDetails?.Error?.Payload,
    invocation: undefined,
    checkpointToken: undefined,
    consecutiveFailures: 0,
    deferredEndEvent: undefined,
  };
}

/**
 * Whether the recorded execution is owed an invocation now: its last invocation died or was
 * still running when it was recorded (operations moved on after the last `InvocationCompleted`,
 * or none ended at all), a retry is due, or there are no events to tell. One that suspended waits
 * for its timers and callbacks, as Lambda would.
 */
function invocationDue(operations: readonly Operation[], events: readonly Event[]): boolean {
  if (events.length === 0) return true;
  if (operations.some((operation) => operation.Status === "READY")) return true;
  const lastEnd = events.findLastIndex((event) => event.EventType === "InvocationCompleted");
  if (lastEnd < 0) return true;
  if (events[lastEnd]!.InvocationCompletedDetails?.Error !== undefined) return true;
  return events.slice(lastEnd + 1).some((event) => event.Id !== undefined);
}
