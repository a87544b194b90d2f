// History events in the wire shape of GetDurableExecutionHistory (protocol.md §8), with
// timestamps as epoch seconds the way the REST API sends them.

const START = Date.parse("2025-01-01T00:00:00Z") / 1000;
let nextId = 1;

/** An event `seconds` after the start of the execution. */
export function event(
  seconds: number,
  type: string,
  fields: Record<string, unknown> = {},
  eventDetails: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    EventType: type,
    EventId: nextId++,
    EventTimestamp: START + seconds,
    ...fields,
    [`${type}Details`]: eventDetails,
  };
}

export const EXECUTION = { Id: "exec-1" };

export function started(input = '{"order":7}') {
  return event(0, "ExecutionStarted", EXECUTION, {
    Input: { Payload: input },
    ExecutionTimeout: 60,
  });
}

export function invocation(from: number, to: number, error?: Record<string, unknown>) {
  return event(
    to,
    "InvocationCompleted",
    {},
    {
      StartTimestamp: START + from,
      EndTimestamp: START + to,
      RequestId: `request-${from}`,
      ...(error === undefined ? {} : { Error: { Payload: error } }),
    },
  );
}

export { START };
