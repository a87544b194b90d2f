// The timeline of one durable execution, laid out from its history events alone (the events of
// GetDurableExecutionHistory, protocol.md §8), so that the web console, which reads them over
// HTTP, and the test harness, which holds them in memory, draw the same picture. Plain data in,
// plain data out: no DOM, no Node.

/** A timestamp as it arrives: a Date (the SDK, the harness), epoch seconds (REST JSON), or ISO. */
export type TimeInput = Date | number | string;

/** The fields of a history event the layout reads; each event also has a `<EventType>Details`. */
export interface HistoryEventLike {
  EventType?: string;
  SubType?: string;
  EventId?: number;
  Id?: string;
  Name?: string;
  ParentId?: string;
  EventTimestamp?: TimeInput;
}

/** An ErrorObject as history carries it. */
export interface TimelineError {
  ErrorType?: string;
  ErrorMessage?: string;
  ErrorData?: string;
  StackTrace?: string[];
}

export type OperationKind =
  | "step"
  | "wait"
  | "callback"
  | "child context"
  | "map"
  | "map item"
  | "parallel"
  | "branch"
  | "waitForCallback"
  | "waitForCondition"
  | "invoke"
  | "operation";

export type RowStatus = "running" | "succeeded" | "failed" | "cancelled" | "timed out" | "stopped";

/**
 * One stretch of a row. A step has an `attempt` per try and a `retry delay` between tries; a
 * wait is `waiting`; a context, callback or invoke is one `span`.
 */
export interface TimelineSegment {
  kind: "attempt" | "retry delay" | "waiting" | "span";
  /** Epoch milliseconds. */
  start: number;
  /** Epoch milliseconds; undefined while it lasts. */
  end?: number;
  status: RowStatus;
  /** The error an attempt failed with. */
  error?: TimelineError;
}

/** One operation: a row of the timeline. */
export interface TimelineRow {
  id: string;
  name?: string;
  kind: OperationKind;
  /** The SubType as history names it (`Step`, `MapIteration`, ...). */
  subType?: string;
  parentId?: string;
  /** 0 for an operation of the execution itself, 1 inside a context, map item or branch, ... */
  depth: number;
  start: number;
  end?: number;
  status: RowStatus;
  segments: TimelineSegment[];
  /** Attempts a step made (each StepStarted). */
  attempts: number;
  /** When a wait is due to end. */
  scheduledEnd?: number;
  callbackId?: string;
  /** The function a chained invoke calls. */
  functionName?: string;
  input?: string;
  result?: string;
  error?: TimelineError;
  /** The EventIds of this operation's events, in order. */
  eventIds: number[];
}

/** One invocation of the function, from its InvocationCompleted event. */
export interface TimelineInvocation {
  /** 1-based. */
  index: number;
  start: number;
  end: number;
  requestId?: string;
  error?: TimelineError;
}

export interface TimelineLayout {
  /** When the execution started (or the first event), epoch milliseconds. */
  start: number;
  /** When it ended, or `now` (or the last event) while it runs. */
  end: number;
  /** The execution's status from its events: RUNNING until a terminal event. */
  status: "RUNNING" | "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "STOPPED";
  input?: string;
  result?: string;
  error?: TimelineError;
  /** Operations in tree order: each row is followed by the rows nested in it. */
  rows: TimelineRow[];
  invocations: TimelineInvocation[];
}

export interface LayoutOptions {
  /** The time a running execution is drawn up to (the server's clock); default the last event. */
  now?: TimeInput;
}

/** How each operation SubType reads, in the console's timeline and the harness's text one. */
export const OPERATION_KINDS: Record<string, OperationKind> = {
  Step: "step",
  Wait: "wait",
  Callback: "callback",
  RunInChildContext: "child context",
  Map: "map",
  MapIteration: "map item",
  Parallel: "parallel",
  ParallelBranch: "branch",
  WaitForCallback: "waitForCallback",
  WaitForCondition: "waitForCondition",
  ChainedInvoke: "invoke",
};

const EXECUTION_END: Record<string, TimelineLayout["status"]> = {
  ExecutionSucceeded: "SUCCEEDED",
  ExecutionFailed: "FAILED",
  ExecutionTimedOut: "TIMED_OUT",
  ExecutionStopped: "STOPPED",
};

/** How an event that ends an operation ends it. */
const OPERATION_END: Record<string, RowStatus> = {
  Succeeded: "succeeded",
  Failed: "failed",
  TimedOut: "timed out",
  Stopped: "stopped",
  Cancelled: "cancelled",
};

/**
 * Epoch milliseconds of a timestamp. A number is epoch seconds, as restJson1 bodies carry them.
 *
 * @throws TypeError for a value that is no timestamp, naming it.
 *
 * @example
 * toMillis(1735689600); // 1735689600000, from a REST body
 */
export function toMillis(value: TimeInput): number {
  const millis =
    value instanceof Date
      ? value.getTime()
      : typeof value === "number"
        ? value * 1000
        : Date.parse(value);
  if (!Number.isFinite(millis)) {
    throw new TypeError(
      `Expected a timestamp (a Date, epoch seconds or an ISO-8601 string), got ${JSON.stringify(value)}.`,
    );
  }
  return millis;
}

/** The members of the `<EventType>Details` objects the layout reads. */
interface EventDetails {
  Input?: unknown;
  Result?: unknown;
  Error?: unknown;
  RetryDetails?: { NextAttemptDelaySeconds?: unknown };
  ScheduledEndTimestamp?: TimeInput;
  StartTimestamp?: TimeInput;
  EndTimestamp?: TimeInput;
  RequestId?: unknown;
  CallbackId?: unknown;
  FunctionName?: unknown;
}

function details(event: HistoryEventLike): EventDetails {
  const value = (event as Record<string, unknown>)[`${event.EventType}Details`];
  return value !== null && typeof value === "object" ? (value as EventDetails) : {};
}

function payload(wrapper: unknown): string | undefined {
  const value = (wrapper as { Payload?: unknown } | undefined)?.Payload;
  return typeof value === "string" ? value : undefined;
}

function errorOf(wrapper: unknown): TimelineError | undefined {
  const value = (wrapper as { Payload?: unknown } | undefined)?.Payload;
  return value !== null && typeof value === "object" ? (value as TimelineError) : undefined;
}

/** The open segment a row ends or continues, if its last one still lasts. */
function openSegment(row: TimelineRow): TimelineSegment | undefined {
  const last = row.segments.at(-1);
  return last !== undefined && last.end === undefined ? last : undefined;
}

/**
 * Lays out an execution's history as rows of bars on a time axis.
 *
 * @example
 * const layout = layoutTimeline(run.history);
 * layout.rows.map((row) => `${"  ".repeat(row.depth)}${row.kind} ${row.name}: ${row.status}`);
 */
export function layoutTimeline(
  events: readonly HistoryEventLike[],
  options: LayoutOptions = {},
): TimelineLayout {
  const rows = new Map<string, TimelineRow>();
  const invocations: TimelineInvocation[] = [];
  let executionId: string | undefined;
  let status: TimelineLayout["status"] = "RUNNING";
  let start: number | undefined;
  let last: number | undefined;
  let executionEnd: number | undefined;
  let input: string | undefined;
  let result: string | undefined;
  let error: TimelineError | undefined;

  for (const event of events) {
    const type = event.EventType ?? "";
    const at = event.EventTimestamp === undefined ? last : toMillis(event.EventTimestamp);
    if (at === undefined) continue;
    start ??= at;
    last = Math.max(last ?? at, at);
    const info = details(event);

    if (type === "ExecutionStarted") {
      executionId = event.Id;
      start = Math.min(start, at);
      input = payload(info.Input);
      continue;
    }
    const ended = EXECUTION_END[type];
    if (ended !== undefined) {
      status = ended;
      executionEnd = at;
      result = payload(info.Result);
      error = errorOf(info.Error);
      continue;
    }
    if (type === "InvocationCompleted") {
      invocations.push({
        index: invocations.length + 1,
        start: info.StartTimestamp === undefined ? at : toMillis(info.StartTimestamp),
        end: info.EndTimestamp === undefined ? at : toMillis(info.EndTimestamp),
        ...(typeof info.RequestId === "string" ? { requestId: info.RequestId } : {}),
        ...(errorOf(info.Error) === undefined ? {} : { error: errorOf(info.Error)! }),
      });
      continue;
    }
    if (event.Id === undefined) continue;
    let row = rows.get(event.Id);
    if (row === undefined) {
      row = {
        id: event.Id,
        ...(event.Name === undefined ? {} : { name: event.Name }),
        kind: OPERATION_KINDS[event.SubType ?? ""] ?? "operation",
        ...(event.SubType === undefined ? {} : { subType: event.SubType }),
        ...(event.ParentId === undefined ? {} : { parentId: event.ParentId }),
        depth: 0,
        start: at,
        status: "running",
        segments: [],
        attempts: 0,
        eventIds: [],
      };
      rows.set(event.Id, row);
    }
    if (event.EventId !== undefined) row.eventIds.push(event.EventId);
    applyOperationEvent(row, type, at, info);
  }

  const begin = start ?? toMillis(options.now ?? 0);
  const now = options.now === undefined ? undefined : toMillis(options.now);
  const end = executionEnd ?? Math.max(last ?? begin, now ?? begin);
  return {
    start: begin,
    end,
    status,
    ...(input === undefined ? {} : { input }),
    ...(result === undefined ? {} : { result }),
    ...(error === undefined ? {} : { error }),
    rows: treeOrder([...rows.values()], executionId),
    invocations,
  };
}

function applyOperationEvent(row: TimelineRow, type: string, at: number, info: EventDetails): void {
  const retryDelay = info.RetryDetails?.NextAttemptDelaySeconds;
  switch (type) {
    case "StepStarted": {
      const delay = openSegment(row);
      if (delay !== undefined) delay.end = at;
      row.attempts += 1;
      row.status = "running";
      row.segments.push({ kind: "attempt", start: at, status: "running" });
      return;
    }
    case "StepSucceeded":
    case "StepFailed": {
      const failed = type === "StepFailed";
      const attempt = openSegment(row) ?? {
        kind: "attempt" as const,
        start: at,
        status: "running",
      };
      if (!row.segments.includes(attempt)) row.segments.push(attempt);
      attempt.end = at;
      attempt.status = failed ? "failed" : "succeeded";
      const attemptError = errorOf(info.Error);
      if (attemptError !== undefined) attempt.error = attemptError;
      if (typeof retryDelay === "number") {
        // A retry: the step waits, then starts again (a waitForCondition check is one too).
        row.segments.push({ kind: "retry delay", start: at, status: "running" });
        return;
      }
      finish(row, at, failed ? "failed" : "succeeded", info);
      return;
    }
    case "WaitStarted":
      row.segments.push({ kind: "waiting", start: at, status: "running" });
      if (info.ScheduledEndTimestamp !== undefined) {
        row.scheduledEnd = toMillis(info.ScheduledEndTimestamp);
      }
      return;
    case "CallbackStarted":
    case "ContextStarted":
    case "ChainedInvokeStarted":
      row.segments.push({ kind: "span", start: at, status: "running" });
      if (typeof info.CallbackId === "string") row.callbackId = info.CallbackId;
      if (typeof info.FunctionName === "string") row.functionName = info.FunctionName;
      if (payload(info.Input) !== undefined) row.input = payload(info.Input)!;
      return;
  }
  const outcome = Object.entries(OPERATION_END).find(([suffix]) => type.endsWith(suffix));
  if (outcome === undefined) return;
  const segment = openSegment(row);
  if (segment === undefined) {
    // Ended without a started event: an operation checkpointed in one call.
    row.segments.push({
      kind: row.kind === "wait" ? "waiting" : "span",
      start: at,
      end: at,
      status: outcome[1],
    });
  } else {
    segment.end = at;
    segment.status = outcome[1];
  }
  finish(row, at, outcome[1], info);
}

function finish(row: TimelineRow, at: number, status: RowStatus, info: EventDetails): void {
  row.end = at;
  row.status = status;
  const value = payload(info.Result);
  if (value !== undefined) row.result = value;
  const rowError = errorOf(info.Error);
  if (rowError !== undefined) row.error = rowError;
}

/** Rows in tree order, each followed by its descendants, siblings in order of their first event. */
function treeOrder(rows: TimelineRow[], executionId: string | undefined): TimelineRow[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  const children = new Map<string | undefined, TimelineRow[]>();
  for (const row of rows) {
    // A parent with no events of its own (or the execution) puts the row at the top level.
    const parent =
      row.parentId !== undefined && row.parentId !== executionId && byId.has(row.parentId)
        ? row.parentId
        : undefined;
    const list = children.get(parent) ?? [];
    list.push(row);
    children.set(parent, list);
  }
  const ordered: TimelineRow[] = [];
  const visit = (parent: string | undefined, depth: number) => {
    for (const row of children.get(parent) ?? []) {
      row.depth = depth;
      ordered.push(row);
      visit(row.id, depth + 1);
    }
  };
  visit(undefined, 0);
  return ordered;
}
