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
  const seed: Omit<ExecutionSeed, "onEnd"> = {
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
  return copyData({
    seed,
    operations: [...execution.allOperations()],
    history: execution.history,
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
  }) as ExecutionSnapshot;
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
