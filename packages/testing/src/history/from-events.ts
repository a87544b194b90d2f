import type { ErrorObject, Event, Operation, OperationType } from "@aws-sdk/client-lambda";

/** The operation type each event's name starts with (protocol.md §8 "History Event"). */
const TYPES: [prefix: string, type: OperationType][] = [
  ["Execution", "EXECUTION"],
  ["Context", "CONTEXT"],
  ["Step", "STEP"],
  ["Wait", "WAIT"],
  ["Callback", "CALLBACK"],
  ["ChainedInvoke", "CHAINED_INVOKE"],
];

type Details = {
  Input?: { Payload?: string };
  Result?: { Payload?: string };
  Error?: { Payload?: ErrorObject };
  RetryDetails?: { CurrentAttempt?: number; NextAttemptDelaySeconds?: number };
  ScheduledEndTimestamp?: Date;
  CallbackId?: string;
};

/**
 * The operations of an execution, rebuilt from its `GetDurableExecutionHistory` events, for a
 * history downloaded with `aws lambda get-durable-execution-history` alone. Each event moves its
 * operation on as the service did (protocol.md §3 "Service semantics"); `InvocationCompleted`
 * events carry no operation. A child context's `ReplayChildren` is not in the events, so a
 * finished context is taken to hide its children, as one does unless its result was too large.
 */
export function operationsFromEvents(events: readonly Event[]): Operation[] {
  const operations = new Map<string, Operation>();
  for (const event of events) {
    const id = event.Id;
    const match = TYPES.find(([prefix]) => event.EventType?.startsWith(prefix));
    if (id === undefined || match === undefined) continue;
    const [prefix, type] = match;
    const suffix = event.EventType!.slice(prefix.length);
    const details = ((event as Record<string, unknown>)[`${event.EventType}Details`] ??
      {}) as Details;
    const at = event.EventTimestamp;
    let operation = operations.get(id);
    if (operation === undefined) {
      operation = {
        Id: id,
        ...(event.ParentId === undefined ? {} : { ParentId: event.ParentId }),
        ...(event.Name === undefined ? {} : { Name: event.Name }),
        Type: type,
        ...(event.SubType === undefined ? {} : { SubType: event.SubType }),
        StartTimestamp: at ?? new Date(0),
        Status: "STARTED",
      };
      operations.set(id, operation);
    }
    apply(operation, suffix, details, at);
  }
  return [...operations.values()];
}

function apply(operation: Operation, suffix: string, details: Details, at: Date | undefined): void {
  const result = details.Result?.Payload;
  const error = details.Error?.Payload;
  const end = (status: Operation["Status"]) => {
    operation.Status = status;
    if (at !== undefined) operation.EndTimestamp = at;
  };
  switch (operation.Type) {
    case "EXECUTION":
      if (suffix === "Started") {
        operation.ExecutionDetails =
          details.Input?.Payload === undefined ? {} : { InputPayload: details.Input.Payload };
      } else end(ENDED[suffix]);
      return;
    case "STEP": {
      if (suffix === "Started") {
        operation.Status = "STARTED";
        return;
      }
      const attempt = details.RetryDetails?.CurrentAttempt;
      const delay = details.RetryDetails?.NextAttemptDelaySeconds;
      const step: NonNullable<Operation["StepDetails"]> =
        attempt === undefined ? {} : { Attempt: attempt };
      if (result !== undefined) step.Result = result;
      if (error !== undefined) step.Error = error;
      if (delay !== undefined) {
        // A retry: the next attempt is due after the delay.
        operation.Status = "PENDING";
        if (at !== undefined) step.NextAttemptTimestamp = new Date(at.getTime() + delay * 1000);
      } else end(suffix === "Succeeded" ? "SUCCEEDED" : "FAILED");
      operation.StepDetails = step;
      return;
    }
    case "WAIT":
      if (suffix === "Started") {
        operation.WaitDetails =
          details.ScheduledEndTimestamp === undefined
            ? {}
            : { ScheduledEndTimestamp: details.ScheduledEndTimestamp };
      } else end(suffix === "Succeeded" ? "SUCCEEDED" : "CANCELLED");
      return;
    case "CALLBACK":
      if (suffix === "Started") {
        operation.CallbackDetails =
          details.CallbackId === undefined ? {} : { CallbackId: details.CallbackId };
        return;
      }
      operation.CallbackDetails = {
        ...operation.CallbackDetails,
        ...(result === undefined ? {} : { Result: result }),
        ...(error === undefined ? {} : { Error: error }),
      };
      end(ENDED[suffix]);
      return;
    case "CONTEXT":
    case "CHAINED_INVOKE": {
      if (suffix === "Started") return;
      const outcome = {
        ...(result === undefined ? {} : { Result: result }),
        ...(error === undefined ? {} : { Error: error }),
      };
      if (operation.Type === "CONTEXT") operation.ContextDetails = outcome;
      else operation.ChainedInvokeDetails = outcome;
      end(ENDED[suffix]);
      return;
    }
  }
}

const ENDED: Record<string, Operation["Status"]> = {
  Succeeded: "SUCCEEDED",
  Failed: "FAILED",
  TimedOut: "TIMED_OUT",
  Stopped: "STOPPED",
  Cancelled: "CANCELLED",
};
