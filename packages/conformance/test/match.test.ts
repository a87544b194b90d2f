import type { Event } from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import {
  type Bindings,
  matchHistory,
  matchLogs,
  matchRequirement,
  matchResult,
  matchValue,
} from "../src/match.js";
import type { ExecutionRecord } from "../src/types/execution-record.js";
import type { ExpectedEvent } from "../src/types/requirement.js";

const at = new Date("2026-01-01T00:00:00.000Z");

function history(...events: Omit<Event, "EventTimestamp">[]): Event[] {
  return [
    { EventType: "ExecutionStarted", EventId: 1, EventTimestamp: at },
    ...events.map((event) => ({ ...event, EventTimestamp: at })),
  ];
}

function event(fields: Record<string, unknown>): ExpectedEvent {
  return fields as unknown as ExpectedEvent;
}

const retriedStep = history(
  { EventType: "StepStarted", SubType: "Step", EventId: 2, Id: "c4ca4238" },
  {
    EventType: "StepFailed",
    SubType: "Step",
    EventId: 3,
    Id: "c4ca4238",
    StepFailedDetails: {
      Error: { Payload: { ErrorType: "StepError", ErrorMessage: "boom" } },
      RetryDetails: { CurrentAttempt: 1, NextAttemptDelaySeconds: 5 },
    },
  },
  {
    EventType: "InvocationCompleted",
    EventId: 4,
    InvocationCompletedDetails: { StartTimestamp: at, EndTimestamp: at, RequestId: "r-1" },
  },
);

function value(expected: unknown, actual: unknown, bindings: Bindings = new Map()) {
  return matchValue(expected, actual, "v", bindings);
}

describe("matchValue", () => {
  it("accepts equal scalars and reports different ones as JSON", () => {
    expect(value(2, 2)).toBeUndefined();
    expect(value("ok", "ok")).toBeUndefined();
    expect(value(2, 1)).toBe("v: expected 2, got 1");
    expect(value("2", 2)).toBe('v: expected "2", got 2');
    expect(value(false, undefined)).toBe("v: expected false, got nothing");
  });

  it("matches any present value, a whole object included, with '*'", () => {
    expect(value("*", { Input: { Payload: "x" } })).toBeUndefined();
    expect(value("*", at)).toBeUndefined();
    expect(value("*", null)).toBeUndefined();
    expect(value("*", undefined)).toBe("v: expected any value, got nothing");
  });

  it("skips a field whose expected value is {}", () => {
    expect(value({}, { Payload: "anything" })).toBeUndefined();
    expect(value({}, undefined)).toBeUndefined();
    expect(value({}, "not an object")).toBeUndefined();
  });

  it("binds a placeholder on first sight and then requires the same value", () => {
    const bindings: Bindings = new Map();
    expect(matchValue("${ID1}", "abc", "history[EventId 2].Id", bindings)).toBeUndefined();
    expect(matchValue("${ID1}", "abc", "history[EventId 3].Id", bindings)).toBeUndefined();
    expect(matchValue("${ID1}", "def", "history[EventId 5].Id", bindings)).toBe(
      'history[EventId 5].Id: expected ${ID1} = "abc" (bound at history[EventId 2].Id), got "def"',
    );
  });

  it("keeps different placeholders apart", () => {
    const bindings: Bindings = new Map();
    expect(value("${CTX_M}", "m-1", bindings)).toBeUndefined();
    expect(value("${ITER0}", "m-2", bindings)).toBeUndefined();
    expect(value("${CTX_M}", "m-2", bindings)).toBe(
      'v: expected ${CTX_M} = "m-1" (bound at v), got "m-2"',
    );
  });

  it("does not bind a placeholder to a missing value", () => {
    const bindings: Bindings = new Map();
    expect(value("${ID1}", undefined, bindings)).toBe(
      "v: expected a value for ${ID1}, got nothing",
    );
    expect(bindings.has("ID1")).toBe(false);
  });

  it("binds a placeholder to a whole object and compares it structurally", () => {
    const bindings: Bindings = new Map();
    expect(value("${P}", { a: [1, 2] }, bindings)).toBeUndefined();
    expect(value("${P}", { a: [1, 2] }, bindings)).toBeUndefined();
    expect(value("${P}", { a: [1, 3] }, bindings)).toBe(
      'v: expected ${P} = {"a":[1,2]} (bound at v), got {"a":[1,3]}',
    );
  });

  it("tests strings and numbers against ${/re/}", () => {
    expect(value("${/.*TransientError$/}", "TransientError")).toBeUndefined();
    expect(value("${/^[0-5]$/}", 3)).toBeUndefined();
    expect(value("${/^[0-5]$/}", 7)).toBe("v: expected a value matching /^[0-5]$/, got 7");
    expect(value("${/wrapped/}", '"not it"')).toBe(
      'v: expected a value matching /wrapped/, got "\\"not it\\""',
    );
    expect(value("${/x/}", undefined)).toBe("v: expected a value matching /x/, got nothing");
  });

  it("treats an expected null as null or absent", () => {
    expect(value(null, null)).toBeUndefined();
    expect(value(null, undefined)).toBeUndefined();
    expect(value(null, "World")).toBe('v: expected null, got "World"');
  });

  it("requires lists of the same length with matching items", () => {
    expect(value(["a", "*"], ["a", 2])).toBeUndefined();
    expect(value([], [])).toBeUndefined();
    expect(value(["a"], ["a", "b"])).toBe('v: expected a list of 1 item, got 2 items: ["a","b"]');
    expect(value(["a", "b"], ["a", "c"])).toBe('v[1]: expected "b", got "c"');
    expect(value(["a"], "a")).toBe('v: expected a list of 1 item, got "a"');
  });

  it("compares only the fields an expected object lists", () => {
    expect(value({ a: 1 }, { a: 1, b: 2 })).toBeUndefined();
    expect(value({ a: { b: 1 } }, { a: { b: 2 } })).toBe("v.a.b: expected 1, got 2");
    expect(value({ a: 1, b: 2 }, "text")).toBe('v: expected an object with a, b, got "text"');
    expect(value({ a: 1 }, [1])).toBe("v: expected an object with a, got [1]");
  });

  it("compares a Date as its ISO-8601 text", () => {
    expect(value("2026-01-01T00:00:00.000Z", at)).toBeUndefined();
    expect(value("2026-01-02T00:00:00.000Z", at)).toBe(
      'v: expected "2026-01-02T00:00:00.000Z", got "2026-01-01T00:00:00.000Z"',
    );
  });

  it("cuts long values short in messages", () => {
    const long = "x".repeat(300);
    const message = value("short", long) ?? "";
    expect(message).toBe(`v: expected "short", got "${"x".repeat(199)}…`);
  });
});

describe("matchHistory", () => {
  it("matches expected events to actual events by EventId", () => {
    const expected = [
      event({ EventType: "StepStarted", SubType: "Step", EventId: 2, Id: "${ID1}" }),
      event({
        EventType: "StepFailed",
        EventId: 3,
        Id: "${ID1}",
        EventTimestamp: "*",
        StepFailedDetails: {
          Error: { Payload: { ErrorMessage: "*", ErrorType: "*" } },
          RetryDetails: { CurrentAttempt: 1, NextAttemptDelaySeconds: "${/^[0-5]$/}" },
        },
      }),
    ];
    expect(matchHistory(expected, retriedStep)).toBeUndefined();
  });

  it("ignores actual events that no expected event names", () => {
    const expected = [event({ EventType: "InvocationCompleted", EventId: 4 })];
    expect(matchHistory(expected, retriedStep)).toBeUndefined();
  });

  it("reports an EventId the execution does not have", () => {
    const expected = [event({ EventType: "StepSucceeded", EventId: 7 })];
    expect(matchHistory(expected, retriedStep)).toBe(
      "history: no event with EventId 7 (execution has 4 events)",
    );
  });

  it("reports the path of the first differing field", () => {
    const expected = [
      event({
        EventType: "StepFailed",
        EventId: 3,
        StepFailedDetails: { RetryDetails: { CurrentAttempt: 2 } },
      }),
    ];
    expect(matchHistory(expected, retriedStep)).toBe(
      "history[EventId 3].StepFailedDetails.RetryDetails.CurrentAttempt: expected 2, got 1",
    );
  });

  it("reports a different event type before any details", () => {
    const expected = [
      event({ EventType: "StepSucceeded", EventId: 3, StepSucceededDetails: { Result: {} } }),
    ];
    expect(matchHistory(expected, retriedStep)).toBe(
      'history[EventId 3].EventType: expected "StepSucceeded", got "StepFailed"',
    );
  });

  it("requires a placeholder to name the same value across events", () => {
    const mixed = history(
      { EventType: "StepStarted", EventId: 2, Id: "a" },
      { EventType: "StepSucceeded", EventId: 3, Id: "b" },
    );
    const expected = [
      event({ EventType: "StepStarted", EventId: 2, Id: "${ID1}" }),
      event({ EventType: "StepSucceeded", EventId: 3, Id: "${ID1}" }),
    ];
    expect(matchHistory(expected, mixed)).toBe(
      'history[EventId 3].Id: expected ${ID1} = "a" (bound at history[EventId 2].Id), got "b"',
    );
  });

  it("reports a listed field that the actual event lacks", () => {
    const expected = [event({ EventType: "StepStarted", EventId: 2, Name: "custom_step_name" })];
    expect(matchHistory(expected, retriedStep)).toBe(
      'history[EventId 2].Name: expected "custom_step_name", got nothing',
    );
  });
});

describe("matchResult", () => {
  const succeeded = { status: "SUCCEEDED" as const, result: undefined, error: undefined };

  it("compares a YAML scalar with the JSON string result", () => {
    const expected = { ...succeeded, result: "Hello, World!" };
    expect(matchResult(expected, { result: "Hello, World!" })).toBeUndefined();
    expect(matchResult(expected, { result: "Hello, world!" })).toBe(
      'result: expected "Hello, World!", got "Hello, world!"',
    );
  });

  it("compares objects field by field", () => {
    const expected = { ...succeeded, result: { user: { tags: ["admin", "active"] }, count: 2 } };
    const result = { user: { name: "Alice", tags: ["admin", "active"] }, count: 2 };
    expect(matchResult(expected, { result })).toBeUndefined();
    expect(matchResult(expected, { result: { ...result, count: 3 } })).toBe(
      "result.count: expected 2, got 3",
    );
  });

  it("does not check the result when the requirement gives none", () => {
    expect(matchResult(succeeded, { result: undefined })).toBeUndefined();
    expect(matchResult(succeeded, { result: "computed" })).toBeUndefined();
  });

  it("requires no result when the requirement gives a null one", () => {
    const expectingNull = { ...succeeded, result: null };
    expect(matchResult(expectingNull, { result: undefined })).toBeUndefined();
    expect(matchResult(expectingNull, { result: null })).toBeUndefined();
    expect(matchResult(expectingNull, { result: "computed" })).toBe(
      'result: expected no result (null), got "computed"',
    );
  });

  it("does not check the result of a failed execution without an expected one", () => {
    expect(matchResult({ ...succeeded, status: "FAILED" }, { result: "x" })).toBeUndefined();
  });

  it("checks the error with the same rules when one is given", () => {
    const expected = {
      status: "FAILED" as const,
      result: undefined,
      error: { ErrorType: "${/Rejected/}", ErrorMessage: "*" },
    };
    const error = { ErrorType: "RejectedError", ErrorMessage: "not approved" };
    expect(matchResult(expected, { error })).toBeUndefined();
    expect(matchResult(expected, { error: { ...error, ErrorType: "StepError" } })).toBe(
      'error.ErrorType: expected a value matching /Rejected/, got "StepError"',
    );
  });
});

describe("matchLogs", () => {
  const logs = [
    { level: "INFO", message: "Greeting step started for: Ab12" },
    { level: "INFO", message: "Greeting step completed with: Hello, Ab12!" },
    { level: "WARN", message: "slow" },
  ];

  it("counts the records whose fields match a /regex/", () => {
    const expected = [
      { match: { message: "/Greeting step started for: Ab12/" }, count: 1 },
      { match: { message: "/\\[ERROR\\]/" }, count: 0 },
      { match: { message: "/Ab12/" }, count: 2 },
    ];
    expect(matchLogs(expected, logs)).toBeUndefined();
  });

  it("compares a value that is not /regex/ exactly", () => {
    expect(matchLogs([{ match: { level: "WARN" }, count: 1 }], logs)).toBeUndefined();
    expect(matchLogs([{ match: { level: "WARNING" }, count: 1 }], logs)).toBe(
      'logs[0] (level = "WARNING"): expected 1 matching record, got 0 of 3 captured',
    );
  });

  it("requires every listed field of a record to match", () => {
    const expected = [{ match: { level: "WARN", message: "/Ab12/" }, count: 1 }];
    expect(matchLogs(expected, logs)).toBe(
      'logs[0] (level = "WARN", message ~ /Ab12/): expected 1 matching record, got 0 of 3 captured',
    );
  });

  it("reports a count that is too high", () => {
    expect(matchLogs([{ match: { message: "/Ab12/" }, count: 1 }], logs)).toBe(
      "logs[0] (message ~ /Ab12/): expected 1 matching record, got 2 of 3 captured",
    );
  });
});

describe("matchRequirement", () => {
  const run: ExecutionRecord = {
    status: "FAILED",
    result: undefined,
    error: { ErrorType: "StepError", ErrorMessage: "boom" },
    history: retriedStep,
    logs: [],
  };

  it("reports a different status first, with the execution's error", () => {
    const requirement = {
      expectedResult: { status: "SUCCEEDED" as const, result: "x", error: undefined },
      expectedHistory: [event({ EventType: "StepSucceeded", EventId: 9 })],
      expectedLogs: [],
    };
    expect(matchRequirement(requirement, run)).toBe(
      "status: expected SUCCEEDED, got FAILED (error: StepError: boom)",
    );
  });

  it("checks the history when the status matches", () => {
    const requirement = {
      expectedResult: { status: "FAILED" as const, result: undefined, error: undefined },
      expectedHistory: [event({ EventType: "StepSucceeded", EventId: 9 })],
      expectedLogs: [],
    };
    expect(matchRequirement(requirement, run)).toBe(
      "history: no event with EventId 9 (execution has 4 events)",
    );
  });

  it("checks only history and logs when no result is expected", () => {
    const requirement = {
      expectedResult: undefined,
      expectedHistory: [event({ EventType: "StepStarted", EventId: 2 })],
      expectedLogs: [{ match: { message: "/x/" }, count: 1 }],
    };
    expect(matchRequirement(requirement, run)).toBe(
      "logs[0] (message ~ /x/): expected 1 matching record, got 0 of 0 captured",
    );
  });

  it("shares placeholder bindings between history and result", () => {
    const requirement = {
      expectedResult: { status: "FAILED" as const, result: undefined, error: undefined },
      expectedHistory: [event({ EventType: "StepStarted", EventId: 2, Id: "${ID1}" })],
      expectedLogs: [],
    };
    expect(matchRequirement(requirement, run)).toBeUndefined();
    const expectingId = {
      ...requirement,
      expectedResult: { status: "FAILED" as const, result: "${ID1}", error: undefined },
    };
    expect(matchRequirement(expectingId, { ...run, result: "other" })).toBe(
      'result: expected ${ID1} = "c4ca4238" (bound at history[EventId 2].Id), got "other"',
    );
  });
});
