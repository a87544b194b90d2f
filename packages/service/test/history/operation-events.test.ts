import { describe, expect, it } from "vitest";
import {
  callback,
  callbackIdIn,
  context,
  historyOf,
  Invocation,
  invoke,
  setup,
  shapeOf,
  step,
  wait,
} from "../helpers/service.js";

const ERROR = { ErrorType: "ChildContextError", ErrorMessage: "boom" };
const completed = { EventType: "InvocationCompleted", InvocationCompletedDetails: {} };

/** The history after ExecutionStarted, without timestamps and request ids. */
function eventsAfterStart(service: ReturnType<typeof setup>["service"], arn: string) {
  return historyOf(service, arn).slice(1).map(shapeOf);
}

describe("CONTEXT history", () => {
  it("records a child context around a step (conformance 3.1)", () => {
    const { service, start } = setup();
    const arn = start('"abc"');
    const invocation = new Invocation(service, arn);
    invocation.checkpoint(context.start("c"));
    invocation.checkpoint(
      step.start("s", { ParentId: "c" }),
      step.succeed("s", '"abc"', { ParentId: "c" }),
    );
    invocation.checkpoint(context.succeed("c", '"abc"'));
    invocation.succeeds('"abc"');
    expect(eventsAfterStart(service, arn)).toEqual([
      {
        EventType: "ContextStarted",
        EventId: 2,
        SubType: "RunInChildContext",
        Id: "c",
        ContextStartedDetails: {},
      },
      {
        EventType: "StepStarted",
        EventId: 3,
        SubType: "Step",
        Id: "s",
        ParentId: "c",
        StepStartedDetails: {},
      },
      {
        EventType: "StepSucceeded",
        EventId: 4,
        SubType: "Step",
        Id: "s",
        ParentId: "c",
        StepSucceededDetails: {
          Result: { Payload: '"abc"', Truncated: false },
          RetryDetails: { CurrentAttempt: 1 },
        },
      },
      {
        EventType: "ContextSucceeded",
        EventId: 5,
        SubType: "RunInChildContext",
        Id: "c",
        ContextSucceededDetails: { Result: { Payload: '"abc"', Truncated: false } },
      },
      { ...completed, EventId: 6 },
      expect.objectContaining({ EventType: "ExecutionSucceeded", EventId: 7 }),
    ]);
  });

  it("records a failed child context with its name (conformance 3.4)", () => {
    const { service, start } = setup();
    const arn = start();
    const invocation = new Invocation(service, arn);
    invocation.checkpoint(
      context.start("c", { Name: "risky" }),
      context.fail("c", ERROR, { Name: "risky" }),
    );
    expect(eventsAfterStart(service, arn)).toEqual([
      {
        EventType: "ContextStarted",
        EventId: 2,
        SubType: "RunInChildContext",
        Id: "c",
        Name: "risky",
        ContextStartedDetails: {},
      },
      {
        EventType: "ContextFailed",
        EventId: 3,
        SubType: "RunInChildContext",
        Id: "c",
        Name: "risky",
        ContextFailedDetails: { Error: { Payload: ERROR, Truncated: false } },
      },
    ]);
  });

  it("records a ReplayChildren success with its empty payload (conformance 3.11)", () => {
    const { service, start } = setup();
    const arn = start();
    const invocation = new Invocation(service, arn);
    invocation.checkpoint(
      context.start("c"),
      context.succeed("c", "", { ContextOptions: { ReplayChildren: true } }),
    );
    expect(historyOf(service, arn)[2]?.ContextSucceededDetails).toEqual({
      Result: { Payload: "", Truncated: false },
    });
  });
});

describe("CALLBACK history", () => {
  it("records a callback answered from outside, between invocations (conformance 4.1)", () => {
    const { service, start, advance } = setup();
    const arn = start('"approval"');
    const first = new Invocation(service, arn);
    const callbackId = callbackIdIn(
      first.checkpoint(callback.start("cb", { Name: "approval" })),
      "cb",
    );
    first.pending();
    advance(1);
    service.sendCallbackSuccess({
      CallbackId: callbackId,
      Result: new TextEncoder().encode('"yes"'),
    });
    new Invocation(service, arn).succeeds('"yes"');
    expect(eventsAfterStart(service, arn)).toEqual([
      {
        EventType: "CallbackStarted",
        EventId: 2,
        SubType: "Callback",
        Id: "cb",
        Name: "approval",
        CallbackStartedDetails: { CallbackId: callbackId },
      },
      { ...completed, EventId: 3 },
      {
        EventType: "CallbackSucceeded",
        EventId: 4,
        SubType: "Callback",
        Id: "cb",
        Name: "approval",
        CallbackSucceededDetails: { Result: { Payload: '"yes"', Truncated: false } },
      },
      { ...completed, EventId: 5 },
      expect.objectContaining({ EventType: "ExecutionSucceeded", EventId: 6 }),
    ]);
  });

  it("records a callback failure (conformance 4.6)", () => {
    const { service, start } = setup();
    const arn = start();
    const first = new Invocation(service, arn);
    const callbackId = callbackIdIn(
      first.checkpoint(callback.start("cb", { Name: "approval" })),
      "cb",
    );
    first.pending();
    const error = { ErrorType: "RejectedError", ErrorMessage: "not approved" };
    service.sendCallbackFailure({ CallbackId: callbackId, Error: error });
    expect(historyOf(service, arn).at(-1)).toMatchObject({
      EventType: "CallbackFailed",
      EventId: 4,
      SubType: "Callback",
      Id: "cb",
      Name: "approval",
      CallbackFailedDetails: { Error: { Payload: error, Truncated: false } },
    });
  });

  it.each([
    ["Callback.Timeout", "4.3", { TimeoutSeconds: 5 }, { Timeout: 5 }],
    ["Callback.Heartbeat", "4.4", { HeartbeatTimeoutSeconds: 5 }, { HeartbeatTimeout: 5 }],
  ])(
    "records a %s timeout (conformance %s)",
    (errorType, _requirement, options, startedDetails) => {
      const { service, start, advance } = setup();
      const arn = start();
      const first = new Invocation(service, arn);
      const callbackId = callbackIdIn(
        first.checkpoint(callback.start("cb", { Name: "approval", CallbackOptions: options })),
        "cb",
      );
      first.pending();
      advance(5);
      const events = eventsAfterStart(service, arn);
      expect(events[0]).toMatchObject({
        EventType: "CallbackStarted",
        CallbackStartedDetails: { CallbackId: callbackId, ...startedDetails },
      });
      expect(Object.keys(events[0]?.CallbackStartedDetails ?? {})).toHaveLength(2);
      expect(events.slice(1)).toEqual([
        { ...completed, EventId: 3 },
        {
          EventType: "CallbackTimedOut",
          EventId: 4,
          SubType: "Callback",
          Id: "cb",
          Name: "approval",
          CallbackTimedOutDetails: {
            Error: {
              Payload: { ErrorType: errorType, ErrorMessage: expect.any(String) },
              Truncated: false,
            },
          },
        },
      ]);
    },
  );

  it("records a waitForCallback: a context holding the callback and the submitter step (conformance 7.1)", () => {
    const { service, start } = setup();
    const arn = start();
    const first = new Invocation(service, arn);
    const response = first.checkpoint(
      context.start("w", { SubType: "WaitForCallback", Name: "payment" }),
      callback.start("w-1", { ParentId: "w", CallbackOptions: { HeartbeatTimeoutSeconds: 10 } }),
    );
    first.checkpoint(
      step.start("w-2", { ParentId: "w" }),
      step.succeed("w-2", undefined, { ParentId: "w" }),
    );
    first.pending();
    service.sendCallbackSuccess({ CallbackId: callbackIdIn(response, "w-1"), Result: '"paid"' });
    const second = new Invocation(service, arn);
    second.checkpoint(
      context.succeed("w", '"paid"', { SubType: "WaitForCallback", Name: "payment" }),
    );
    second.succeeds('"paid"');
    const events = eventsAfterStart(service, arn);
    expect(
      events.map((event) => [
        event.EventId,
        event.EventType,
        event.SubType,
        event.Id,
        event.ParentId,
      ]),
    ).toEqual([
      [2, "ContextStarted", "WaitForCallback", "w", undefined],
      [3, "CallbackStarted", "Callback", "w-1", "w"],
      [4, "StepStarted", "Step", "w-2", "w"],
      [5, "StepSucceeded", "Step", "w-2", "w"],
      [6, "InvocationCompleted", undefined, undefined, undefined],
      [7, "CallbackSucceeded", "Callback", "w-1", "w"],
      [8, "ContextSucceeded", "WaitForCallback", "w", undefined],
      [9, "InvocationCompleted", undefined, undefined, undefined],
      [10, "ExecutionSucceeded", undefined, expect.any(String), undefined],
    ]);
    expect(events[1]?.CallbackStartedDetails?.HeartbeatTimeout).toBe(10);
    expect(events[1]).not.toHaveProperty("Name");
  });

  it("records nothing for a cancelled callback", () => {
    const { service, start } = setup();
    const arn = start();
    const invocation = new Invocation(service, arn);
    invocation.checkpoint(callback.start("cb"));
    invocation.checkpoint(callback.cancel("cb"), wait.start("w", 1));
    expect(eventsAfterStart(service, arn).map((event) => event.EventType)).toEqual([
      "CallbackStarted",
      "WaitStarted",
    ]);
  });
});

describe("CHAINED_INVOKE history", () => {
  it("records an invoke of a durable function (conformance 5.1, 5.2)", () => {
    const { service, start } = setup();
    service.registerFunction("echo");
    const arn = start('"hi"');
    const first = new Invocation(service, arn);
    first.checkpoint(invoke.start("i", "echo", '"hi"', { Name: "call-echo" }));
    first.pending();
    const childArn = service.runnableExecutions()[0]!;
    new Invocation(service, childArn).succeeds('"hi"');
    new Invocation(service, arn).succeeds('"hi"');
    expect(eventsAfterStart(service, arn)).toEqual([
      {
        EventType: "ChainedInvokeStarted",
        EventId: 2,
        SubType: "ChainedInvoke",
        Id: "i",
        Name: "call-echo",
        ChainedInvokeStartedDetails: {
          FunctionName: "echo",
          Input: { Payload: '"hi"', Truncated: false },
          ExecutedVersion: "$LATEST",
          DurableExecutionArn: childArn,
        },
      },
      { ...completed, EventId: 3 },
      {
        EventType: "ChainedInvokeSucceeded",
        EventId: 4,
        SubType: "ChainedInvoke",
        Id: "i",
        Name: "call-echo",
        ChainedInvokeSucceededDetails: { Result: { Payload: '"hi"', Truncated: false } },
      },
      { ...completed, EventId: 5 },
      expect.objectContaining({ EventType: "ExecutionSucceeded", EventId: 6 }),
    ]);
  });

  it("records the TenantId and an invoke inside a child context (conformance 5.8, 5.13)", () => {
    const { service, start } = setup();
    service.registerFunction("echo");
    const arn = start();
    const invocation = new Invocation(service, arn);
    invocation.checkpoint(
      context.start("c"),
      invoke.start("c-1", "echo", '"p"', {
        ParentId: "c",
        ChainedInvokeOptions: { FunctionName: "echo", TenantId: "tenant-7" },
      }),
    );
    expect(historyOf(service, arn)[2]).toMatchObject({
      EventType: "ChainedInvokeStarted",
      Id: "c-1",
      ParentId: "c",
      ChainedInvokeStartedDetails: { FunctionName: "echo", TenantId: "tenant-7" },
    });
  });

  it("records an absent input as an empty Input, so Input is always present", () => {
    const { service, start } = setup();
    service.registerFunction("echo");
    const arn = start();
    new Invocation(service, arn).checkpoint(invoke.start("i", "echo"));
    expect(historyOf(service, arn)[1]?.ChainedInvokeStartedDetails?.Input).toEqual({});
  });
});
