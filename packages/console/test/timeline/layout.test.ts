import { describe, expect, it } from "vitest";
import { layoutTimeline, toMillis } from "../../src/timeline/layout.js";
import { EXECUTION, event, invocation, START, started } from "./events.js";

const step = (id: string, name: string, parent?: string) => ({
  Id: id,
  Name: name,
  SubType: "Step",
  ...(parent === undefined ? {} : { ParentId: parent }),
});

describe("layoutTimeline", () => {
  it("gives a step that retried one attempt per try and a delay between them", () => {
    const charge = step("s1", "charge-card");
    const layout = layoutTimeline([
      started(),
      event(0.1, "StepStarted", charge),
      event(0.2, "StepFailed", charge, {
        Error: { Payload: { ErrorType: "Timeout", ErrorMessage: "card network slow" } },
        RetryDetails: { CurrentAttempt: 1, NextAttemptDelaySeconds: 5 },
      }),
      invocation(0, 0.3),
      event(5.2, "StepStarted", charge),
      event(5.3, "StepSucceeded", charge, { Result: { Payload: '"ch_1"' } }),
      event(5.4, "ExecutionSucceeded", EXECUTION, { Result: { Payload: '{"ok":true}' } }),
    ]);
    const [row] = layout.rows;
    expect(row).toMatchObject({
      kind: "step",
      name: "charge-card",
      status: "succeeded",
      attempts: 2,
      result: '"ch_1"',
    });
    expect(
      row!.segments.map((s) => [s.kind, s.status, (s.start / 1000 - START).toFixed(1)]),
    ).toEqual([
      ["attempt", "failed", "0.1"],
      ["retry delay", "running", "0.2"],
      ["attempt", "succeeded", "5.2"],
    ]);
    expect(row!.segments[0]!.error).toEqual({
      ErrorType: "Timeout",
      ErrorMessage: "card network slow",
    });
    expect(row!.segments[1]!.end).toBe((START + 5.2) * 1000);
    expect(layout).toMatchObject({
      status: "SUCCEEDED",
      input: '{"order":7}',
      result: '{"ok":true}',
    });
    expect(layout.end).toBe((START + 5.4) * 1000);
  });

  it("nests operations under their child context, map item and parallel branch, in event order", () => {
    const map = { Id: "m", Name: "ship-all", SubType: "Map" };
    const item0 = { Id: "m0", Name: "item-0", SubType: "MapIteration", ParentId: "m" };
    const item1 = { Id: "m1", Name: "item-1", SubType: "MapIteration", ParentId: "m" };
    const layout = layoutTimeline([
      started(),
      event(1, "ContextStarted", map),
      event(1, "ContextStarted", item0),
      event(1, "ContextStarted", item1),
      event(1, "StepStarted", step("m1s", "ship", "m1")),
      event(1, "StepStarted", step("m0s", "ship", "m0")),
      event(2, "StepSucceeded", step("m0s", "ship", "m0")),
      event(2, "ContextSucceeded", item0),
      event(3, "StepStarted", step("after", "notify")),
    ]);
    expect(
      layout.rows.map((row) => `${"  ".repeat(row.depth)}${row.kind} ${row.name} ${row.status}`),
    ).toEqual([
      "map ship-all running",
      "  map item item-0 succeeded",
      "    step ship succeeded",
      "  map item item-1 running",
      "    step ship running",
      "step notify running",
    ]);
    expect(layout.status).toBe("RUNNING");
  });

  it("draws a running execution up to the time it is given, and a wait with its due time", () => {
    const wait = { Id: "w", Name: "cool-down", SubType: "Wait" };
    const layout = layoutTimeline(
      [
        started(),
        event(0, "WaitStarted", wait, {
          Duration: 604_800,
          ScheduledEndTimestamp: START + 604_800,
        }),
        invocation(0, 0.05),
      ],
      { now: new Date((START + 3_600) * 1000) },
    );
    expect(layout.end).toBe((START + 3_600) * 1000);
    expect(layout.rows[0]).toMatchObject({
      kind: "wait",
      status: "running",
      scheduledEnd: (START + 604_800) * 1000,
    });
    expect(layout.rows[0]!.end).toBeUndefined();
    expect(layout.invocations).toEqual([
      { index: 1, start: START * 1000, end: (START + 0.05) * 1000, requestId: "request-0" },
    ]);
  });

  it("keeps a pending callback's id and a failed invocation's error", () => {
    const callback = { Id: "c", Name: "approval", SubType: "Callback" };
    const layout = layoutTimeline([
      started(),
      event(0, "CallbackStarted", callback, { CallbackId: "cb-123", Timeout: 60 }),
      invocation(0, 1, { ErrorType: "Error", ErrorMessage: "boom" }),
      event(2, "CallbackTimedOut", callback, {
        Error: { Payload: { ErrorType: "Callback.Timeout" } },
      }),
      event(3, "ExecutionFailed", EXECUTION, {
        Error: { Payload: { ErrorType: "CallbackTimeoutError", ErrorMessage: "late" } },
      }),
    ]);
    expect(layout.rows[0]).toMatchObject({
      callbackId: "cb-123",
      status: "timed out",
      error: { ErrorType: "Callback.Timeout" },
    });
    expect(layout.invocations[0]!.error).toEqual({ ErrorType: "Error", ErrorMessage: "boom" });
    expect(layout).toMatchObject({ status: "FAILED", error: { ErrorMessage: "late" } });
  });

  it("records what a chained invoke calls, a cancelled wait, and an operation done in one checkpoint", () => {
    const invoke = { Id: "i", Name: "charge", SubType: "ChainedInvoke" };
    const wait = { Id: "w", Name: "grace", SubType: "Wait" };
    const quick = step("q", "quick");
    const layout = layoutTimeline([
      started(),
      event(0, "ChainedInvokeStarted", invoke, {
        FunctionName: "payments:live",
        Input: { Payload: '{"cents":5}' },
      }),
      event(0, "WaitStarted", wait, { Duration: 60, ScheduledEndTimestamp: START + 60 }),
      event(0, "StepSucceeded", quick, { Result: { Payload: "1" } }),
      event(2, "ChainedInvokeFailed", invoke, { Error: { Payload: { ErrorType: "Declined" } } }),
      event(2, "WaitCancelled", wait, {}),
    ]);
    expect(layout.rows.map((row) => [row.name, row.status, row.segments.length])).toEqual([
      ["charge", "failed", 1],
      ["grace", "cancelled", 1],
      ["quick", "succeeded", 1],
    ]);
    expect(layout.rows[0]).toMatchObject({
      functionName: "payments:live",
      input: '{"cents":5}',
      error: { ErrorType: "Declined" },
    });
    expect(layout.rows[2]!.segments[0]).toMatchObject({
      kind: "attempt",
      start: START * 1000,
      end: START * 1000,
    });
  });

  it("reads timestamps as Dates, epoch seconds and ISO strings alike", () => {
    const at = "2025-01-01T00:00:01.500Z";
    expect([toMillis(new Date(at)), toMillis(Date.parse(at) / 1000), toMillis(at)]).toEqual([
      Date.parse(at),
      Date.parse(at),
      Date.parse(at),
    ]);
    expect(() => toMillis("yesterday")).toThrow(
      'Expected a timestamp (a Date, epoch seconds or an ISO-8601 string), got "yesterday".',
    );
  });
});
