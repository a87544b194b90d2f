import type { Event } from "@aws-sdk/client-lambda";
import { ANY_VALUE, embeddedPattern, logPattern, placeholderName } from "./patterns.js";
import type { ExecutionRecord } from "./types/execution-record.js";
import type {
  ExpectedEvent,
  ExpectedLog,
  ExpectedResult,
  Requirement,
} from "./types/requirement.js";
import { isPlainObject } from "./variables.js";

/** What a placeholder such as `${ID1}` was bound to, and where it was first met. */
export interface Binding {
  readonly value: unknown;
  readonly where: string;
}

/**
 * Placeholder bindings of one requirement: shared by its history, result and error, so that a
 * `${ID1}` met in one place must be the same value in all of them.
 */
export type Bindings = Map<string, Binding>;

/** Values longer than this are cut short in mismatch messages. */
const MAX_SHOWN = 200;

/**
 * Compares a run with everything a requirement expects and returns the first mismatch as a
 * readable path, or undefined when it all matches. Checked in this order: execution status,
 * history, result, error, logs.
 *
 * @example
 * matchRequirement(requirement, run);
 * // "history[EventId 4].StepFailedDetails.RetryDetails.CurrentAttempt: expected 2, got 1"
 */
export function matchRequirement(
  requirement: Pick<Requirement, "expectedResult" | "expectedHistory" | "expectedLogs">,
  run: ExecutionRecord,
): string | undefined {
  const bindings: Bindings = new Map();
  const expected = requirement.expectedResult;
  return (
    (expected === undefined ? undefined : matchStatus(expected, run)) ??
    matchHistory(requirement.expectedHistory, run.history, bindings) ??
    (expected === undefined ? undefined : matchResult(expected, run, bindings)) ??
    matchLogs(requirement.expectedLogs, run.logs)
  );
}

/** The execution status, with the execution's error when it failed unexpectedly. */
export function matchStatus(expected: ExpectedResult, run: ExecutionRecord): string | undefined {
  if (run.status === expected.status) return undefined;
  const error = describeError(run.error);
  return `status: expected ${expected.status}, got ${run.status}${error ? ` (${error})` : ""}`;
}

/**
 * Matches expected events to actual ones by EventId (ExecutionStarted is EventId 1). Actual
 * events that no expected event names are ignored.
 *
 * @example
 * matchHistory(expected, run.history, new Map());
 * // "history: no event with EventId 7 (execution has 6 events)"
 */
export function matchHistory(
  expected: readonly ExpectedEvent[],
  actual: readonly Event[],
  bindings: Bindings = new Map(),
): string | undefined {
  const byId = new Map<number | undefined, Event>(actual.map((event) => [event.EventId, event]));
  for (const event of expected) {
    const found = byId.get(event.EventId);
    if (found === undefined) {
      return `history: no event with EventId ${event.EventId} (execution has ${actual.length} events)`;
    }
    const mismatch = matchValue(event, found, `history[EventId ${event.EventId}]`, bindings);
    if (mismatch !== undefined) return mismatch;
  }
  return undefined;
}

/**
 * The execution's result and error, each checked only where given (conformance README): an
 * absent `Result` is not checked, a null one means the result must be null or absent. `Error` is
 * checked only when given.
 */
export function matchResult(
  expected: ExpectedResult,
  run: Pick<ExecutionRecord, "result" | "error">,
  bindings: Bindings = new Map(),
): string | undefined {
  if (expected.result === null) {
    if (run.result !== undefined && run.result !== null) {
      return `result: expected no result (null), got ${show(run.result)}`;
    }
  } else if (expected.result !== undefined) {
    const mismatch = matchValue(expected.result, run.result, "result", bindings);
    if (mismatch !== undefined) return mismatch;
  }
  if (expected.error !== undefined) {
    return matchValue(expected.error, run.error, "error", bindings);
  }
  return undefined;
}

/**
 * Each ExpectedLogs entry must match exactly `count` captured log records. A record matches when
 * every field named in `match` matches: `/re/` as a regular expression on the field's text,
 * anything else by equality.
 */
export function matchLogs(
  expected: readonly ExpectedLog[],
  logs: readonly Readonly<Record<string, unknown>>[],
): string | undefined {
  for (const [i, entry] of expected.entries()) {
    const fields = Object.entries(entry.match).map(([field, value]) => {
      const pattern = logPattern(value);
      return { field, value, regex: pattern === undefined ? undefined : new RegExp(pattern) };
    });
    const count = logs.filter((record) =>
      fields.every(({ field, value, regex }) => {
        const actual = normalize(record[field]);
        if (regex === undefined) return sameValue(value, actual);
        return (
          (typeof actual === "string" || typeof actual === "number") && regex.test(`${actual}`)
        );
      }),
    ).length;
    if (count !== entry.count) {
      const described = fields
        .map(({ field, value, regex }) =>
          regex ? `${field} ~ ${regex}` : `${field} = ${show(value)}`,
        )
        .join(", ");
      const noun = entry.count === 1 ? "record" : "records";
      return `logs[${i}] (${described}): expected ${entry.count} matching ${noun}, got ${count} of ${logs.length} captured`;
    }
  }
  return undefined;
}

/**
 * Compares one expected value with the actual one under the rules of conformance/README.md and
 * returns the first mismatch, prefixed by `path`:
 * - `'*'` matches any value that is present, including a whole object;
 * - `{}` matches anything, even nothing (the field is skipped);
 * - `${NAME}` binds to the first value met and must then equal it;
 * - `${/re/}` tests a string (a number as its decimal text) against `re`;
 * - null matches null or an absent field;
 * - a list must have the same length and matching items; a mapping's listed fields must match,
 *   other actual fields are ignored; anything else must be equal.
 * A `Date` is compared as its ISO-8601 text.
 */
export function matchValue(
  expected: unknown,
  actualValue: unknown,
  path: string,
  bindings: Bindings,
): string | undefined {
  const actual = normalize(actualValue);
  if (expected === ANY_VALUE) {
    return actual === undefined ? `${path}: expected any value, got nothing` : undefined;
  }
  if (isPlainObject(expected) && Object.keys(expected).length === 0) return undefined;

  const name = placeholderName(expected);
  if (name !== undefined) {
    const bound = bindings.get(name);
    if (bound === undefined) {
      if (actual === undefined) return `${path}: expected a value for ${expected}, got nothing`;
      bindings.set(name, { value: actual, where: path });
      return undefined;
    }
    if (sameValue(bound.value, actual)) return undefined;
    return `${path}: expected ${expected} = ${show(bound.value)} (bound at ${bound.where}), got ${show(actual)}`;
  }

  const pattern = embeddedPattern(expected);
  if (pattern !== undefined) {
    const text = typeof actual === "number" ? String(actual) : actual;
    if (typeof text === "string" && new RegExp(pattern).test(text)) return undefined;
    return `${path}: expected a value matching /${pattern}/, got ${show(actual)}`;
  }

  if (expected === null) {
    return actual === null || actual === undefined
      ? undefined
      : `${path}: expected null, got ${show(actual)}`;
  }

  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) {
      return `${path}: expected a list of ${items(expected.length)}, got ${show(actual)}`;
    }
    if (actual.length !== expected.length) {
      return `${path}: expected a list of ${items(expected.length)}, got ${items(actual.length)}: ${show(actual)}`;
    }
    for (const [i, item] of expected.entries()) {
      const mismatch = matchValue(item, actual[i], `${path}[${i}]`, bindings);
      if (mismatch !== undefined) return mismatch;
    }
    return undefined;
  }

  if (isPlainObject(expected)) {
    if (!isPlainObject(actual)) {
      return `${path}: expected an object with ${Object.keys(expected).join(", ")}, got ${show(actual)}`;
    }
    for (const [key, item] of Object.entries(expected)) {
      const mismatch = matchValue(item, actual[key], `${path}.${key}`, bindings);
      if (mismatch !== undefined) return mismatch;
    }
    return undefined;
  }

  return sameValue(expected, actual)
    ? undefined
    : `${path}: expected ${show(expected)}, got ${show(actual)}`;
}

/** Structural equality of JSON-like values; absent object fields equal undefined ones. */
export function sameValue(a: unknown, b: unknown): boolean {
  const left = normalize(a);
  const right = normalize(b);
  if (Object.is(left, right)) return true;
  if (Array.isArray(left) && Array.isArray(right)) {
    return left.length === right.length && left.every((item, i) => sameValue(item, right[i]));
  }
  if (isPlainObject(left) && isPlainObject(right)) {
    const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
    return [...keys].every((key) => sameValue(left[key], right[key]));
  }
  return false;
}

/** A value as shown in a mismatch: JSON, cut short; `nothing` for an absent value. */
export function show(value: unknown): string {
  const shown = normalize(value);
  if (shown === undefined) return "nothing";
  let text: string;
  try {
    text = JSON.stringify(shown) ?? String(shown);
  } catch {
    text = String(shown);
  }
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}

function normalize(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

function items(count: number): string {
  return `${count} ${count === 1 ? "item" : "items"}`;
}

function describeError(error: unknown): string | undefined {
  if (!isPlainObject(error)) return undefined;
  const type = typeof error.ErrorType === "string" ? error.ErrorType : undefined;
  const message = typeof error.ErrorMessage === "string" ? error.ErrorMessage : undefined;
  if (type === undefined && message === undefined) return `error: ${show(error)}`;
  return `error: ${[type, message].filter((part) => part !== undefined).join(": ")}`;
}
