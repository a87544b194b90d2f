import type { Event } from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import {
  catchServiceError,
  historyOf,
  Invocation,
  setup,
  step,
  T0,
  wait,
} from "../helpers/service.js";

const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

/** The fields the conformance requirements compare, without timestamps and request ids. */
function shape(event: Event) {
  const { EventTimestamp: _timestamp, InvocationCompletedDetails, ...rest } = event;
  if (InvocationCompletedDetails === undefined) return rest;
  const {
    StartTimestamp: _start,
    EndTimestamp: _end,
    RequestId: _id,
    ...details
  } = InvocationCompletedDetails;
  return { ...rest, InvocationCompletedDetails: details };
}

const ERROR = { ErrorType: "Error", ErrorMessage: "boom" };
const EXIT = { ErrorType: "Runtime.ExitError", ErrorMessage: "Runtime exited" };

describe("history", () => {
  it("records a step that succeeds at once (conformance 1.1)", () => {
    const { service, start } = setup();
    const arn = start('"World"');
    const invocation = new Invocation(service, arn);
    invocation.checkpoint(
      step.start("c4ca4238a0b92382"),
      step.succeed("c4ca4238a0b92382", '"Hello, World!"'),
    );
    invocation.succeeds('"Hello, World!"');
    const executionId = service.getOperations(arn)[0]!.Id;
    expect(historyOf(service, arn).map(shape)).toEqual([
      {
        EventType: "ExecutionStarted",
        EventId: 1,
        Id: executionId,
        ExecutionStartedDetails: {
          Input: { Payload: '"World"', Truncated: false },
          ExecutionTimeout: 86_400,
        },
      },
      {
        EventType: "StepStarted",
        EventId: 2,
        SubType: "Step",
        Id: "c4ca4238a0b92382",
        StepStartedDetails: {},
      },
      {
        EventType: "StepSucceeded",
        EventId: 3,
        SubType: "Step",
        Id: "c4ca4238a0b92382",
        StepSucceededDetails: {
          Result: { Payload: '"Hello, World!"', Truncated: false },
          RetryDetails: { CurrentAttempt: 1 },
        },
      },
      { EventType: "InvocationCompleted", EventId: 4, InvocationCompletedDetails: {} },
      {
        EventType: "ExecutionSucceeded",
        EventId: 5,
        Id: executionId,
        ExecutionSucceededDetails: { Result: { Payload: '"Hello, World!"', Truncated: false } },
      },
    ]);
  });

  it("records a step retried once, then successful (conformance 1.11)", () => {
    const { service, start, advance } = setup();
    const arn = start();
    const first = new Invocation(service, arn);
    first.checkpoint(step.start("s", { Name: "unreliable" }), step.retry("s", 1, ERROR));
    first.pending();
    advance(1);
    const second = new Invocation(service, arn);
    second.checkpoint(
      step.start("s", { Name: "unreliable" }),
      step.succeed("s", '"Operation succeeded"'),
    );
    second.succeeds('"Operation succeeded"');
    expect(historyOf(service, arn).slice(1, 7).map(shape)).toEqual([
      {
        EventType: "StepStarted",
        EventId: 2,
        SubType: "Step",
        Id: "s",
        Name: "unreliable",
        StepStartedDetails: {},
      },
      {
        EventType: "StepFailed",
        EventId: 3,
        SubType: "Step",
        Id: "s",
        Name: "unreliable",
        StepFailedDetails: {
          Error: { Payload: ERROR, Truncated: false },
          RetryDetails: { CurrentAttempt: 1, NextAttemptDelaySeconds: 1 },
        },
      },
      { EventType: "InvocationCompleted", EventId: 4, InvocationCompletedDetails: {} },
      {
        EventType: "StepStarted",
        EventId: 5,
        SubType: "Step",
        Id: "s",
        Name: "unreliable",
        StepStartedDetails: {},
      },
      {
        EventType: "StepSucceeded",
        EventId: 6,
        SubType: "Step",
        Id: "s",
        Name: "unreliable",
        StepSucceededDetails: {
          Result: { Payload: '"Operation succeeded"', Truncated: false },
          RetryDetails: { CurrentAttempt: 2 },
        },
      },
      { EventType: "InvocationCompleted", EventId: 7, InvocationCompletedDetails: {} },
    ]);
    expect(historyOf(service, arn)[7]?.EventType).toBe("ExecutionSucceeded");
  });

  it("records retries up to exhaustion (conformance 1.12)", () => {
    const { service, start, advance } = setup();
    const arn = start();
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      const invocation = new Invocation(service, arn);
      invocation.checkpoint(step.start("s"), attempt < 4 ? step.retry("s", 1) : step.fail("s"));
      if (attempt < 4) {
        invocation.pending();
        advance(1);
      } else {
        invocation.returns({ Status: "FAILED", Error: ERROR });
      }
    }
    const events = historyOf(service, arn);
    expect(
      events.map((event) => [
        event.EventId,
        event.EventType,
        event.StepFailedDetails?.RetryDetails,
      ]),
    ).toEqual([
      [1, "ExecutionStarted", undefined],
      [2, "StepStarted", undefined],
      [3, "StepFailed", { CurrentAttempt: 1, NextAttemptDelaySeconds: 1 }],
      [4, "InvocationCompleted", undefined],
      [5, "StepStarted", undefined],
      [6, "StepFailed", { CurrentAttempt: 2, NextAttemptDelaySeconds: 1 }],
      [7, "InvocationCompleted", undefined],
      [8, "StepStarted", undefined],
      [9, "StepFailed", { CurrentAttempt: 3, NextAttemptDelaySeconds: 1 }],
      [10, "InvocationCompleted", undefined],
      [11, "StepStarted", undefined],
      [12, "StepFailed", { CurrentAttempt: 4 }],
      [13, "InvocationCompleted", undefined],
      [14, "ExecutionFailed", undefined],
    ]);
    expect(events[13]?.ExecutionFailedDetails).toEqual({
      Error: { Payload: ERROR, Truncated: false },
    });
  });

  it("records a crash mid-step, then the interrupted step's failure (conformance 1.17)", () => {
    const { service, start } = setup();
    const arn = start();
    const first = new Invocation(service, arn);
    first.checkpoint(step.start("s", { Name: "at_most_once_flaky_step" }));
    first.throws(EXIT);
    const second = new Invocation(service, arn);
    second.checkpoint(
      step.fail("s", { ErrorType: "StepInterruptedError", ErrorMessage: "interrupted" }),
    );
    second.returns({
      Status: "FAILED",
      Error: { ErrorType: "StepError", ErrorMessage: "interrupted" },
    });
    expect(historyOf(service, arn).slice(1, 5).map(shape)).toEqual([
      {
        EventType: "StepStarted",
        EventId: 2,
        SubType: "Step",
        Id: "s",
        Name: "at_most_once_flaky_step",
        StepStartedDetails: {},
      },
      {
        EventType: "InvocationCompleted",
        EventId: 3,
        InvocationCompletedDetails: { Error: { Payload: EXIT, Truncated: false } },
      },
      {
        EventType: "StepFailed",
        EventId: 4,
        SubType: "Step",
        Id: "s",
        Name: "at_most_once_flaky_step",
        StepFailedDetails: {
          Error: {
            Payload: { ErrorType: "StepInterruptedError", ErrorMessage: "interrupted" },
            Truncated: false,
          },
          RetryDetails: { CurrentAttempt: 1 },
        },
      },
      { EventType: "InvocationCompleted", EventId: 5, InvocationCompletedDetails: {} },
    ]);
  });

  it("records a crash, a scheduled retry and a successful second attempt (conformance 1.18)", () => {
    const { service, start, advance } = setup();
    const arn = start();
    const first = new Invocation(service, arn);
    first.checkpoint(step.start("s"));
    first.throws(EXIT);
    const second = new Invocation(service, arn);
    second.checkpoint(step.retry("s", 2, { ErrorType: "StepInterruptedError" }));
    second.pending();
    advance(2);
    const third = new Invocation(service, arn);
    third.checkpoint(step.start("s"), step.succeed("s", '"succeeded on second attempt"'));
    third.succeeds('"succeeded on second attempt"');
    const events = historyOf(service, arn);
    expect(events.map((event) => event.EventType)).toEqual([
      "ExecutionStarted",
      "StepStarted",
      "InvocationCompleted",
      "StepFailed",
      "InvocationCompleted",
      "StepStarted",
      "StepSucceeded",
      "InvocationCompleted",
      "ExecutionSucceeded",
    ]);
    expect(events[3]?.StepFailedDetails?.RetryDetails).toEqual({
      CurrentAttempt: 1,
      NextAttemptDelaySeconds: 2,
    });
    expect(events[6]?.StepSucceededDetails).toEqual({
      Result: { Payload: '"succeeded on second attempt"', Truncated: false },
      RetryDetails: { CurrentAttempt: 2 },
    });
  });

  it("records a waitForCondition check as StepSucceeded with a retry delay", () => {
    const { service, start } = setup();
    const arn = start();
    const invocation = new Invocation(service, arn);
    invocation.checkpoint(step.start("c", { SubType: "WaitForCondition" }), {
      Id: "c",
      Type: "STEP",
      SubType: "WaitForCondition",
      Action: "RETRY",
      Payload: '{"n":1}',
      StepOptions: { NextAttemptDelaySeconds: 5 },
    });
    expect(historyOf(service, arn)[2]).toMatchObject({
      EventType: "StepSucceeded",
      SubType: "WaitForCondition",
      StepSucceededDetails: {
        Result: { Payload: '{"n":1}', Truncated: false },
        RetryDetails: { CurrentAttempt: 1, NextAttemptDelaySeconds: 5 },
      },
    });
  });

  it("records a named wait and its end (conformance 2.1, 2.2)", () => {
    const { service, start, advance } = setup();
    const arn = start();
    const first = new Invocation(service, arn);
    first.checkpoint(wait.start("w", 2, { Name: "custom_wait_name" }));
    first.pending();
    advance(2);
    new Invocation(service, arn).succeeds();
    expect(historyOf(service, arn).slice(1).map(shape)).toEqual([
      {
        EventType: "WaitStarted",
        EventId: 2,
        SubType: "Wait",
        Id: "w",
        Name: "custom_wait_name",
        WaitStartedDetails: { Duration: 2, ScheduledEndTimestamp: at(2) },
      },
      { EventType: "InvocationCompleted", EventId: 3, InvocationCompletedDetails: {} },
      {
        EventType: "WaitSucceeded",
        EventId: 4,
        SubType: "Wait",
        Id: "w",
        Name: "custom_wait_name",
        WaitSucceededDetails: { Duration: 2 },
      },
      { EventType: "InvocationCompleted", EventId: 5, InvocationCompletedDetails: {} },
      {
        EventType: "ExecutionSucceeded",
        EventId: 6,
        Id: expect.any(String),
        ExecutionSucceededDetails: {},
      },
    ]);
    expect(historyOf(service, arn)[4]?.EventTimestamp).toEqual(at(2));
  });

  it("records a cancelled wait", () => {
    const { service, start } = setup();
    const arn = start();
    const invocation = new Invocation(service, arn);
    invocation.checkpoint(wait.start("w", 10));
    invocation.checkpoint({ ...wait.cancel("w"), Error: { ErrorMessage: "no longer needed" } });
    expect(historyOf(service, arn)[2]).toMatchObject({
      EventType: "WaitCancelled",
      Id: "w",
      WaitCancelledDetails: {
        Error: { Payload: { ErrorMessage: "no longer needed" }, Truncated: false },
      },
    });
  });

  it("writes the terminal event of an EXECUTION checkpoint after the invocation's InvocationCompleted", () => {
    const { service, start } = setup();
    const arn = start();
    const invocation = new Invocation(service, arn);
    invocation.checkpoint({ Id: "x", Type: "EXECUTION", Action: "SUCCEED", Payload: '"r"' });
    expect(historyOf(service, arn).map((event) => event.EventType)).toEqual(["ExecutionStarted"]);
    invocation.succeeds("");
    expect(historyOf(service, arn).map((event) => event.EventType)).toEqual([
      "ExecutionStarted",
      "InvocationCompleted",
      "ExecutionSucceeded",
    ]);
  });
});

describe("GetDurableExecutionHistory", () => {
  /** An execution with 1 + 2×5 + 1 = 12 events before it ends. */
  function longRun() {
    const { service, start } = setup();
    const arn = start('"in"');
    const invocation = new Invocation(service, arn);
    for (const id of ["a", "b", "c", "d", "e"])
      invocation.checkpoint(step.start(id), step.succeed(id, '"out"'));
    invocation.succeeds('"done"');
    return { service, arn };
  }

  it("pages events by MaxItems and Marker", () => {
    const { service, arn } = longRun();
    const ids: number[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const page = service.getExecutionHistory({
        DurableExecutionArn: arn,
        MaxItems: 5,
        Marker: marker,
      });
      ids.push(...page.Events!.map((event) => event.EventId!));
      marker = page.NextMarker;
      pages += 1;
    } while (marker !== undefined);
    expect(ids).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
    expect(pages).toBe(3);
  });

  it("returns 100 events by default", () => {
    const { service, start } = setup();
    const arn = start();
    const invocation = new Invocation(service, arn);
    for (let i = 0; i < 60; i += 1)
      invocation.checkpoint(step.start(`s${i}`), step.succeed(`s${i}`));
    const page = service.getExecutionHistory({ DurableExecutionArn: arn });
    expect(page.Events).toHaveLength(100);
    expect(page.NextMarker).toBeDefined();
  });

  it("lists newest first with ReverseOrder", () => {
    const { service, arn } = longRun();
    const first = service.getExecutionHistory({
      DurableExecutionArn: arn,
      MaxItems: 4,
      ReverseOrder: true,
    });
    expect(first.Events!.map((event) => event.EventId)).toEqual([13, 12, 11, 10]);
    const second = service.getExecutionHistory({
      DurableExecutionArn: arn,
      MaxItems: 4,
      ReverseOrder: true,
      Marker: first.NextMarker,
    });
    expect(second.Events!.map((event) => event.EventId)).toEqual([9, 8, 7, 6]);
  });

  it("drops payloads without IncludeExecutionData", () => {
    const { service, arn } = longRun();
    const events = service.getExecutionHistory({
      DurableExecutionArn: arn,
      IncludeExecutionData: false,
    }).Events!;
    expect(events[0]?.ExecutionStartedDetails).toEqual({
      Input: { Truncated: false },
      ExecutionTimeout: 86_400,
    });
    expect(events[2]?.StepSucceededDetails).toEqual({
      Result: { Truncated: false },
      RetryDetails: { CurrentAttempt: 1 },
    });
    expect(JSON.stringify(events)).not.toContain("Payload");
  });

  it("rejects MaxItems above 1000", () => {
    const { service, arn } = longRun();
    const error = catchServiceError(
      () => service.getExecutionHistory({ DurableExecutionArn: arn, MaxItems: 1001 }),
      "InvalidParameterValueException",
    );
    expect(error.message).toBe(
      "MaxItems must be an integer from 0 to 1000 (0 means the default of 100), got 1001.",
    );
  });
});
