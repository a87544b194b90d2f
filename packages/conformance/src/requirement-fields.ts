import { RequirementFileError } from "./errors.js";
import { embeddedPattern, logPattern } from "./patterns.js";
import type {
  CallbackAction,
  DefaultRetryParameters,
  ExecutionStatus,
  ExpectedEvent,
  ExpectedLog,
  ExpectedResult,
} from "./types/requirement.js";
import { describeType, isPlainObject } from "./variables.js";

/*
 * Readers of the fields of a requirement file. Each takes the raw YAML value and the file, and
 * returns the typed field or throws a RequirementFileError naming the file and the field.
 */

const STATUSES: readonly ExecutionStatus[] = ["SUCCEEDED", "FAILED", "TIMED_OUT", "STOPPED"];
const CALLBACK_OPERATIONS: readonly CallbackAction["operation"][] = [
  "success",
  "failure",
  "heartbeat",
];
const JITTERS = ["NONE", "FULL", "HALF"];

export function requiredText(doc: Record<string, unknown>, field: string, file: string): string {
  const value = doc[field];
  if (typeof value !== "string" || value.trim() === "") {
    throw new RequirementFileError(
      file,
      field,
      `must be non-empty text, got ${describeType(value)}.`,
    );
  }
  return value;
}

export function flag(doc: Record<string, unknown>, field: string, file: string): boolean {
  const value = doc[field];
  if (value === undefined || value === null) return false;
  if (typeof value !== "boolean") {
    throw new RequirementFileError(
      file,
      field,
      `must be true or false, got ${describeType(value)}.`,
    );
  }
  return value;
}

function listOf(value: unknown, field: string, file: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    throw new RequirementFileError(file, field, `must be a list, got ${describeType(value)}.`);
  }
  return value;
}

function mapping(
  value: unknown,
  field: string,
  file: string,
  allowed: readonly string[],
): Record<string, unknown> {
  if (!isPlainObject(value)) {
    throw new RequirementFileError(file, field, `must be a mapping, got ${describeType(value)}.`);
  }
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      throw new RequirementFileError(
        file,
        `${field}.${key}`,
        `unknown field; the fields are ${allowed.join(", ")}.`,
      );
    }
  }
  return value;
}

function oneOf<T extends string>(
  value: unknown,
  field: string,
  file: string,
  allowed: readonly T[],
): T {
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    throw new RequirementFileError(
      file,
      field,
      `must be one of ${allowed.join(", ")}, got ${describeType(value)}.`,
    );
  }
  return value as T;
}

function wholeNumber(value: unknown, field: string, file: string, minimum: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < minimum) {
    throw new RequirementFileError(
      file,
      field,
      `must be a whole number of at least ${minimum}, got ${describeType(value)}.`,
    );
  }
  return value;
}

export function expectedResult(value: unknown, file: string): ExpectedResult | undefined {
  if (value === undefined || value === null) return undefined;
  const result = mapping(value, "ExpectedResult", file, ["ExecutionStatus", "Result", "Error"]);
  checkRegexes(result.Result, "ExpectedResult.Result", file);
  checkRegexes(result.Error, "ExpectedResult.Error", file);
  return {
    status: oneOf(result.ExecutionStatus, "ExpectedResult.ExecutionStatus", file, STATUSES),
    // README: Result is compared "where given"; written with no value it expects null.
    result: "Result" in result ? (result.Result ?? null) : undefined,
    error: result.Error ?? undefined,
  };
}

export function expectedHistory(value: unknown, file: string): ExpectedEvent[] {
  if (value === undefined) {
    throw new RequirementFileError(file, "ExpectedExecutionHistory", "is required.");
  }
  let previous = 0;
  return listOf(value, "ExpectedExecutionHistory", file).map((item, i) => {
    const field = `ExpectedExecutionHistory[${i}]`;
    if (!isPlainObject(item)) {
      throw new RequirementFileError(file, field, `must be a mapping, got ${describeType(item)}.`);
    }
    const eventId = wholeNumber(item.EventId, `${field}.EventId`, file, 1);
    if (eventId <= previous) {
      throw new RequirementFileError(
        file,
        `${field}.EventId`,
        `EventIds must increase down the list, got ${eventId} after ${previous}.`,
      );
    }
    previous = eventId;
    if (typeof item.EventType !== "string" || item.EventType === "") {
      throw new RequirementFileError(
        file,
        `${field}.EventType`,
        `must be an event type such as StepStarted, got ${describeType(item.EventType)}.`,
      );
    }
    checkRegexes(item, field, file);
    return item as ExpectedEvent;
  });
}

export function expectedLogs(value: unknown, file: string): ExpectedLog[] {
  return listOf(value, "ExpectedLogs", file).map((item, i) => {
    const field = `ExpectedLogs[${i}]`;
    const entry = mapping(item, field, file, ["match", "count"]);
    const match = entry.match;
    if (!isPlainObject(match) || Object.keys(match).length === 0) {
      throw new RequirementFileError(
        file,
        `${field}.match`,
        `must be a mapping of log field to /regex/ or value, got ${describeType(match)}.`,
      );
    }
    for (const [key, expected] of Object.entries(match)) {
      const pattern = logPattern(expected);
      if (pattern !== undefined) compileRegex(pattern, `${field}.match.${key}`, file);
    }
    return { match, count: wholeNumber(entry.count, `${field}.count`, file, 0) };
  });
}

export function callbackActions(value: unknown, file: string): CallbackAction[] {
  return listOf(value, "CallbackActions", file).map((item, i) => {
    const field = `CallbackActions[${i}]`;
    const action = mapping(item, field, file, ["CallbackName", "Operation", "Payload", "Delay"]);
    if (typeof action.CallbackName !== "string" || action.CallbackName === "") {
      throw new RequirementFileError(
        file,
        `${field}.CallbackName`,
        `must be a callback name or '*', got ${describeType(action.CallbackName)}.`,
      );
    }
    const delay = action.Delay ?? 0;
    if (typeof delay !== "number" || !(delay >= 0)) {
      throw new RequirementFileError(
        file,
        `${field}.Delay`,
        `must be a number of seconds, at least 0, got ${describeType(delay)}.`,
      );
    }
    return {
      callbackName: action.CallbackName,
      operation: oneOf(action.Operation, `${field}.Operation`, file, CALLBACK_OPERATIONS),
      payload: action.Payload ?? null,
      delaySeconds: delay,
    };
  });
}

export function defaultRetryParameters(
  value: unknown,
  file: string,
): DefaultRetryParameters | undefined {
  if (value === undefined || value === null) return undefined;
  const field = "DefaultRetryParameters";
  const raw = mapping(value, field, file, [
    "MaxAttempts",
    "InitialDelay",
    "MaxDelay",
    "BackoffRate",
    "Jitter",
  ]);
  const parameters: {
    -readonly [K in keyof DefaultRetryParameters]: DefaultRetryParameters[K];
  } = {};
  if (raw.MaxAttempts !== undefined) {
    parameters.MaxAttempts = wholeNumber(raw.MaxAttempts, `${field}.MaxAttempts`, file, 1);
  }
  for (const key of ["InitialDelay", "MaxDelay"] as const) {
    const delay = raw[key];
    if (delay === undefined) continue;
    if (typeof delay !== "string" || !/^\d+s$/.test(delay)) {
      throw new RequirementFileError(
        file,
        `${field}.${key}`,
        `must be seconds written like 5s, got ${describeType(delay)}.`,
      );
    }
    parameters[key] = delay;
  }
  if (raw.BackoffRate !== undefined) {
    if (typeof raw.BackoffRate !== "number" || !(raw.BackoffRate > 0)) {
      throw new RequirementFileError(
        file,
        `${field}.BackoffRate`,
        `must be a positive number, got ${describeType(raw.BackoffRate)}.`,
      );
    }
    parameters.BackoffRate = raw.BackoffRate;
  }
  if (raw.Jitter !== undefined) {
    parameters.Jitter = oneOf(raw.Jitter, `${field}.Jitter`, file, JITTERS);
  }
  return parameters;
}

/** Compiles every `${/re/}` in an expected value, so that a bad pattern fails at load time. */
function checkRegexes(value: unknown, field: string, file: string): void {
  if (typeof value === "string") {
    const pattern = embeddedPattern(value);
    if (pattern !== undefined) compileRegex(pattern, field, file);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => {
      checkRegexes(item, `${field}[${i}]`, file);
    });
  } else if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) checkRegexes(item, `${field}.${key}`, file);
  }
}

function compileRegex(pattern: string, field: string, file: string): void {
  try {
    new RegExp(pattern);
  } catch (cause) {
    throw new RequirementFileError(
      file,
      field,
      `/${pattern}/ is not a valid regular expression: ${(cause as Error).message}`,
      { cause },
    );
  }
}
