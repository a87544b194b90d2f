import { copyData } from "../copy.js";
import { InvalidParameterValueError } from "../errors.js";
import type { Execution, ExecutionSeed, RestoredState } from "./execution.js";

/** The format of {@link ServiceState}; bumped when a field changes meaning. */
export const SERVICE_STATE_FORMAT = 1;

/**
 * Everything a {@link DurableExecutionService} holds, as JSON-compatible data: what
 * `exportState()` returns and `importState()` takes. Dates are encoded as `{"$date": ISO}` so
 * that `JSON.parse(JSON.stringify(state))` round-trips; timers are absolute times.
 */
export interface ServiceState {
  format: typeof SERVICE_STATE_FORMAT;
  executionCount: number;
  functions: {
    name: string;
    durable: boolean;
    executionTimeoutSeconds: number;
    retentionPeriodInDays: number;
  }[];
  executions: unknown[];
  functionCalls: unknown[];
}

/** One execution in a {@link ServiceState}, before date encoding. */
export interface ExecutionSnapshot extends RestoredState {
  seed: Omit<ExecutionSeed, "onEnd">;
  needsInvocation: boolean;
  readySince: number;
}

/** A snapshot of the execution; the live objects are copied, never shared. */
export function snapshotExecution(execution: Execution): ExecutionSnapshot {
  return copyData({
    seed: seedOf(execution),
    operations: [...execution.allOperations()],
    history: execution.history,
    ...stateOf(execution),
  }) as ExecutionSnapshot;
}

/** What the execution was started with; it never changes. */
function seedOf(execution: Execution): Omit<ExecutionSeed, "onEnd"> {
  return {
    sequence: execution.sequence,
    arn: execution.arn,
    name: execution.name,
    functionName: execution.functionName,
    functionArn: execution.functionArn,
    input: execution.input,
    executionOperationId: execution.executionOperation.Id!,
    startTimestamp: execution.startTimestamp,
    executionTimeoutSeconds: execution.executionTimeoutSeconds,
    retentionPeriodInDays: execution.retentionPeriodInDays,
    ...(execution.invokedBy === undefined ? {} : { invokedBy: execution.invokedBy }),
    ...(execution.version === undefined ? {} : { version: execution.version }),
  };
}

/** Everything of a snapshot besides its seed, operations and history: small, rewritten whole. */
function stateOf(execution: Execution) {
  return {
    timers: [...execution.timers.values()],
    callbacks: [...execution.callbacks.entries()],
    invokes: [...execution.invokes.entries()],
    status: execution.status,
    endTimestamp: execution.endTimestamp,
    result: execution.result,
    error: execution.error,
    invocation: execution.invocation,
    checkpointToken: execution.checkpointToken,
    consecutiveFailures: execution.consecutiveFailures,
    deferredEndEvent: execution.deferredEndEvent,
    needsInvocation: execution.needsInvocation,
    readySince: execution.readySince,
  };
}

/**
 * One line of an execution's journal, dates encoded: the first carries the seed and everything
 * the execution holds; each later one only the operations added or changed, the history events
 * appended, and the state fields if any changed. {@link foldJournal} turns the lines back into
 * a snapshot.
 */
export interface JournalEntry {
  seed?: unknown;
  operations: unknown[];
  events: unknown[];
  state?: unknown;
}

/**
 * What changed in the execution since the journal last took an entry, or undefined if nothing
 * did. Its cost follows the change (the operations and events it touched), not the execution.
 */
export function takeJournalEntry(execution: Execution): JournalEntry | undefined {
  const cursor = execution.journal;
  const changed = execution.takeChangedSinceJournal();
  const state = encodeDates(stateOf(execution));
  const stateText = JSON.stringify(state);
  const final = execution.settled;
  const from = cursor?.events ?? 0;
  const unchanged =
    cursor !== undefined &&
    changed.length === 0 &&
    execution.history.length === from &&
    stateText === cursor.state;
  if (unchanged) {
    cursor.final = final;
    return undefined;
  }
  const operations =
    cursor === undefined ? execution.allOperations() : execution.operationsInStartOrder(changed);
  execution.journal = { events: execution.history.length, state: stateText, final };
  return {
    ...(cursor === undefined ? { seed: encodeDates(seedOf(execution)) } : {}),
    operations: operations.map(encodeDates),
    events: execution.history.slice(from).map(encodeDates),
    ...(stateText === cursor?.state ? {} : { state }),
  };
}

/** Records that a journal already holds everything the execution holds (it was loaded from one). */
export function markJournaled(execution: Execution): void {
  execution.takeChangedSinceJournal();
  execution.journal = {
    events: execution.history.length,
    state: JSON.stringify(encodeDates(stateOf(execution))),
    final: execution.settled,
  };
}

/**
 * The encoded snapshot an execution's journal lines add up to, for `importState`: operations by
 * id in start order (a later line's copy replaces an earlier one), events appended, the last
 * state written.
 *
 * @throws InvalidParameterValueError if the first line has no seed or a line is not an entry.
 */
export function foldJournal(entries: readonly unknown[]): unknown {
  const first = entries[0] as Partial<JournalEntry> | undefined;
  if (first?.seed === undefined) {
    throw new InvalidParameterValueError(
      "Cannot read the journal: its first line does not hold the execution's seed.",
    );
  }
  const operations: unknown[] = [];
  const positions = new Map<string, number>();
  const history: unknown[] = [];
  let state: unknown = {};
  entries.forEach((value, index) => {
    const entry = value as Partial<JournalEntry> | null;
    if (!Array.isArray(entry?.operations) || !Array.isArray(entry.events)) {
      throw new InvalidParameterValueError(
        `Cannot read the journal: line ${index + 1} is not a journal entry (operations and events lists).`,
      );
    }
    for (const operation of entry.operations) {
      const id = (operation as { Id?: string }).Id ?? "";
      const at = positions.get(id);
      if (at === undefined) {
        positions.set(id, operations.length);
        operations.push(operation);
      } else operations[at] = operation;
    }
    for (const event of entry.events) history.push(event);
    if (entry.state !== undefined) state = entry.state;
  });
  return { ...(state as object), seed: first.seed, operations, history };
}

/** Reads back an encoded execution snapshot, checking the fields the restore relies on. */
export function readExecutionSnapshot(value: unknown, index: number): ExecutionSnapshot {
  const snapshot = decodeDates(value) as Partial<ExecutionSnapshot> | null;
  const seed = snapshot?.seed;
  const problem =
    typeof seed?.arn !== "string"
      ? "seed.arn is missing"
      : !(seed.startTimestamp instanceof Date)
        ? "seed.startTimestamp is not a date"
        : !Array.isArray(snapshot?.operations) || snapshot.operations.length === 0
          ? "operations is empty"
          : !Array.isArray(snapshot.history)
            ? "history is missing"
            : typeof snapshot.status !== "string"
              ? "status is missing"
              : undefined;
  if (problem !== undefined) {
    throw new InvalidParameterValueError(
      `Cannot import state: executions[${index}] is malformed (${problem}). Import only what exportState() returned.`,
    );
  }
  const s = snapshot as ExecutionSnapshot;
  return {
    ...s,
    timers: s.timers ?? [],
    callbacks: s.callbacks ?? [],
    invokes: s.invokes ?? [],
    consecutiveFailures: s.consecutiveFailures ?? 0,
  };
}

/** Dates become `{"$date": ISO}`, deeply; everything else is copied as JSON would. */
export function encodeDates(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Date) return { $date: value.toISOString() };
  if (Array.isArray(value)) return value.map(encodeDates);
  const copy: Record<string, unknown> = {};
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key];
    if (item !== undefined) copy[key] = encodeDates(item);
  }
  return copy;
}

/** The inverse of {@link encodeDates}. */
export function decodeDates(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(decodeDates);
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 1 && keys[0] === "$date" && typeof record.$date === "string") {
    return new Date(record.$date);
  }
  const copy: Record<string, unknown> = {};
  for (const key of keys) copy[key] = decodeDates(record[key]);
  return copy;
}
