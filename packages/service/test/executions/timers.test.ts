import { describe, expect, it } from "vitest";
import {
  callback,
  callbackIdIn,
  eventTypes,
  historyOf,
  Invocation,
  invoke,
  setup,
  step,
  T0,
  wait,
} from "../helpers/service.js";

const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

describe("timers", () => {
  it("reports the earliest timer of any running execution", () => {
    const { service, start } = setup({ config: { executionTimeoutSeconds: 3600 } });
    const a = new Invocation(service, start());
    a.checkpoint(wait.start("w", 300));
    const b = new Invocation(service, start());
    b.checkpoint(step.start("s"), step.retry("s", 120));
    expect(service.nextTimerAt()).toEqual(at(120));
  });

  it("counts the execution timeout as a timer, and has none when nothing runs", () => {
    const { service, start } = setup({ config: { executionTimeoutSeconds: 60 } });
    expect(service.nextTimerAt()).toBeUndefined();
    const arn = start();
    expect(service.nextTimerAt()).toEqual(at(60));
    new Invocation(service, arn).succeeds();
    expect(service.nextTimerAt()).toBeUndefined();
  });

  it("times an execution out at its ExecutionTimeout", () => {
    const { service, start, advance } = setup({ config: { executionTimeoutSeconds: 60 } });
    const arn = start();
    const invocation = new Invocation(service, arn);
    invocation.checkpoint(wait.start("w", 3600));
    invocation.pending();
    advance(59);
    expect(service.getExecution({ DurableExecutionArn: arn }).Status).toBe("RUNNING");
    advance(1);
    expect(service.getExecution({ DurableExecutionArn: arn })).toMatchObject({
      Status: "TIMED_OUT",
      EndTimestamp: at(60),
      Error: {
        ErrorType: "Execution.Timeout",
        ErrorMessage:
          "The durable execution did not finish within its ExecutionTimeout of 60 seconds.",
      },
    });
    expect(eventTypes(historyOf(service, arn)).at(-1)).toBe("4 ExecutionTimedOut");
    expect(service.getOperations(arn)[0]?.Status).toBe("TIMED_OUT");
    expect(service.pendingWork(arn)).toEqual([]);
    expect(service.nextTimerAt()).toBeUndefined();
  });

  it("times out an execution whose invocation is in flight, which can then no longer checkpoint", () => {
    const { service, start, advance } = setup({ config: { executionTimeoutSeconds: 60 } });
    const arn = start();
    const invocation = new Invocation(service, arn);
    advance(60);
    expect(() => invocation.checkpoint(step.start("a"))).toThrow(
      "it has ended with status TIMED_OUT",
    );
    invocation.throws();
    expect(eventTypes(historyOf(service, arn))).toEqual([
      "1 ExecutionStarted",
      "2 ExecutionTimedOut",
      "3 InvocationCompleted",
    ]);
  });

  it("completes a wait that ends at the timeout instant before timing out", () => {
    const { service, start, advance } = setup({ config: { executionTimeoutSeconds: 60 } });
    const arn = start();
    const invocation = new Invocation(service, arn);
    invocation.checkpoint(wait.start("w", 60));
    invocation.pending();
    advance(60);
    expect(eventTypes(historyOf(service, arn)).slice(-2)).toEqual([
      "4 WaitSucceeded",
      "5 ExecutionTimedOut",
    ]);
  });

  it("fires every due timer at once, in time order", () => {
    const { service, start, advance } = setup();
    const arn = start();
    const invocation = new Invocation(service, arn);
    invocation.checkpoint(wait.start("late", 20), wait.start("early", 10));
    invocation.pending();
    advance(30);
    expect(
      historyOf(service, arn)
        .slice(-2)
        .map((event) => [event.EventType, event.Id]),
    ).toEqual([
      ["WaitSucceeded", "early"],
      ["WaitSucceeded", "late"],
    ]);
  });
});

describe("pendingWork", () => {
  it("names the invocation an execution needs", () => {
    const { service, start } = setup();
    const arn = start();
    expect(service.pendingWork(arn)).toEqual([{ kind: "invocation" }]);
    const invocation = new Invocation(service, arn);
    expect(service.pendingWork(arn)).toEqual([
      { kind: "invocation", requestId: invocation.request.requestId },
    ]);
  });

  it("names the waits and retries an execution waits on, earliest first", () => {
    const { service, start } = setup();
    const arn = start();
    const invocation = new Invocation(service, arn);
    invocation.checkpoint(
      wait.start("w", 300, { Name: "cool-down" }),
      step.start("s"),
      step.retry("s", 60),
    );
    invocation.pending();
    expect(service.pendingWork(arn)).toEqual([
      { kind: "retry", operationId: "s", until: at(60), nextAttempt: 2 },
      { kind: "wait", operationId: "w", name: "cool-down", until: at(300) },
    ]);
  });

  it("names callbacks with their deadlines and chained invokes with their targets, in start order", () => {
    const { service, start, advance } = setup();
    service.registerFunction("child");
    service.registerFunction("mailer", { durable: false });
    const arn = start();
    const invocation = new Invocation(service, arn);
    const response = invocation.checkpoint(
      invoke.start("i", "child", undefined, { Name: "charge" }),
      callback.start("a", { Name: "approval" }),
      callback.start("b", {
        CallbackOptions: { TimeoutSeconds: 600, HeartbeatTimeoutSeconds: 60 },
      }),
      invoke.start("j", "mailer"),
      wait.start("w", 300),
    );
    invocation.pending();
    advance(10);
    const childArn = service.runnableExecutions()[0];
    const [call] = service.pendingFunctionInvocations();
    expect(service.pendingWork(arn)).toEqual([
      { kind: "wait", operationId: "w", until: at(300) },
      {
        kind: "invoke",
        operationId: "i",
        name: "charge",
        functionName: "child",
        childExecutionArn: childArn,
      },
      {
        kind: "callback",
        operationId: "a",
        name: "approval",
        callbackId: callbackIdIn(response, "a"),
      },
      {
        kind: "callback",
        operationId: "b",
        callbackId: callbackIdIn(response, "b"),
        timeoutAt: at(600),
        heartbeatDeadline: at(60),
      },
      { kind: "invoke", operationId: "j", functionName: "mailer" },
      { kind: "function", invocationId: call?.invocationId, functionName: "mailer" },
    ]);
  });

  it("counts callback deadlines as timers", () => {
    const { service, start } = setup();
    const invocation = new Invocation(service, start());
    invocation.checkpoint(
      callback.start("a", { CallbackOptions: { TimeoutSeconds: 90 } }),
      callback.start("b", { CallbackOptions: { HeartbeatTimeoutSeconds: 45 } }),
    );
    expect(service.nextTimerAt()).toEqual(at(45));
  });

  it("is empty for an execution waiting on nothing the service controls", () => {
    const { service, start } = setup();
    const arn = start();
    new Invocation(service, arn).succeeds();
    expect(service.pendingWork(arn)).toEqual([]);
  });
});
