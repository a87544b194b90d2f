import { describe, expect, it } from "vitest";
import { Invocation, setup, step, T0, wait } from "../helpers/service.js";

const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

describe("STEP semantics", () => {
  it("makes a started step STARTED with its start time, name and subtype", () => {
    const { service, start } = setup();
    const invocation = new Invocation(service, start());
    const [op] = invocation.checkpoint(step.start("a", { Name: "charge-card" })).NewExecutionState!
      .Operations!;
    expect(op).toEqual({
      Id: "a",
      Name: "charge-card",
      Type: "STEP",
      SubType: "Step",
      StartTimestamp: T0,
      Status: "STARTED",
    });
  });

  it("records a success with its result, attempt and end time", () => {
    const { service, start, clock } = setup();
    const invocation = new Invocation(service, start());
    invocation.checkpoint(step.start("a"));
    clock.advanceTo(at(2));
    const [op] = invocation.checkpoint(step.succeed("a", '"ok"')).NewExecutionState!.Operations!;
    expect(op).toMatchObject({
      Status: "SUCCEEDED",
      StartTimestamp: T0,
      EndTimestamp: at(2),
      StepDetails: { Attempt: 1, Result: '"ok"' },
    });
  });

  it("records a failure with its error and attempt", () => {
    const { service, start } = setup();
    const invocation = new Invocation(service, start());
    const [op] = invocation.checkpoint(
      step.start("a"),
      step.fail("a", { ErrorType: "TypeError", ErrorMessage: "nope" }),
    ).NewExecutionState!.Operations!;
    expect(op).toMatchObject({
      Status: "FAILED",
      EndTimestamp: T0,
      StepDetails: { Attempt: 1, Error: { ErrorType: "TypeError", ErrorMessage: "nope" } },
    });
  });

  it("makes a retried step PENDING until its delay ends, then READY and runnable", () => {
    const { service, start, advance } = setup();
    const arn = start();
    const invocation = new Invocation(service, arn);
    const [pending] = invocation.checkpoint(step.start("a"), step.retry("a", 30)).NewExecutionState!
      .Operations!;
    expect(pending).toMatchObject({
      Status: "PENDING",
      StepDetails: { Attempt: 1, NextAttemptTimestamp: at(30), Error: { ErrorMessage: "boom" } },
    });
    invocation.pending();
    expect(service.nextTimerAt()).toEqual(at(30));

    advance(29.999);
    expect(service.getOperations(arn)[1]?.Status).toBe("PENDING");
    expect(service.runnableExecutions()).toEqual([]);

    advance(0.001);
    expect(service.getOperations(arn)[1]?.Status).toBe("READY");
    expect(service.runnableExecutions()).toEqual([arn]);
  });

  it("runs the next attempt from READY and counts it", () => {
    const { service, start, advance } = setup();
    const arn = start();
    const first = new Invocation(service, arn);
    first.checkpoint(step.start("a"), step.retry("a", 1));
    first.pending();
    advance(1);
    const second = new Invocation(service, arn);
    const [restarted] = second.checkpoint(step.start("a")).NewExecutionState!.Operations!;
    expect(restarted).toMatchObject({
      Status: "STARTED",
      StartTimestamp: at(1),
      StepDetails: { Attempt: 1 },
    });
    expect(restarted?.StepDetails?.NextAttemptTimestamp).toBeUndefined();
    const [done] = second.checkpoint(step.succeed("a", '"2nd"')).NewExecutionState!.Operations!;
    expect(done).toMatchObject({
      Status: "SUCCEEDED",
      StepDetails: { Attempt: 2, Result: '"2nd"' },
    });
  });

  it("keeps a RETRY payload as the step's result (waitForCondition state)", () => {
    const { service, start } = setup();
    const invocation = new Invocation(service, start());
    const [op] = invocation.checkpoint(step.start("c", { SubType: "WaitForCondition" }), {
      Id: "c",
      Type: "STEP",
      SubType: "WaitForCondition",
      Action: "RETRY",
      Payload: '{"polls":1}',
      StepOptions: { NextAttemptDelaySeconds: 10 },
    }).NewExecutionState!.Operations!;
    expect(op?.StepDetails).toEqual({
      Attempt: 1,
      NextAttemptTimestamp: at(10),
      Result: '{"polls":1}',
    });
  });
});

describe("WAIT semantics", () => {
  it("schedules the end of a started wait", () => {
    const { service, start } = setup();
    const invocation = new Invocation(service, start());
    const [op] = invocation.checkpoint(wait.start("w", 3600)).NewExecutionState!.Operations!;
    expect(op).toEqual({
      Id: "w",
      Type: "WAIT",
      SubType: "Wait",
      StartTimestamp: T0,
      Status: "STARTED",
      WaitDetails: { ScheduledEndTimestamp: at(3600) },
    });
  });

  it("makes the wait SUCCEEDED at its scheduled end, not before, and asks for an invocation", () => {
    const { service, start, advance } = setup({ config: { executionTimeoutSeconds: 30 * 86_400 } });
    const arn = start();
    const invocation = new Invocation(service, arn);
    invocation.checkpoint(wait.start("w", 7 * 86_400));
    invocation.pending();

    advance(7 * 86_400 - 1);
    expect(service.getOperations(arn)[1]?.Status).toBe("STARTED");
    expect(service.runnableExecutions()).toEqual([]);

    advance(1);
    expect(service.getOperations(arn)[1]).toMatchObject({
      Status: "SUCCEEDED",
      EndTimestamp: at(7 * 86_400),
    });
    expect(service.runnableExecutions()).toEqual([arn]);
  });

  it("cancels a started wait and drops its timer", () => {
    const { service, start } = setup({ config: { executionTimeoutSeconds: 31_622_400 } });
    const invocation = new Invocation(service, start());
    invocation.checkpoint(wait.start("w", 60));
    const [op] = invocation.checkpoint(wait.cancel("w")).NewExecutionState!.Operations!;
    expect(op).toMatchObject({ Status: "CANCELLED", EndTimestamp: T0 });
    expect(service.nextTimerAt()).toEqual(at(31_622_400));
  });
});

describe("EXECUTION semantics", () => {
  it("ends the execution with the payload of an EXECUTION SUCCEED, whatever the function returns after", () => {
    const { service, start } = setup();
    const arn = start();
    const invocation = new Invocation(service, arn);
    invocation.checkpoint({
      Id: "any",
      Type: "EXECUTION",
      Action: "SUCCEED",
      Payload: '"large result"',
    });
    invocation.succeeds("");
    expect(service.getExecution({ DurableExecutionArn: arn })).toMatchObject({
      Status: "SUCCEEDED",
      Result: '"large result"',
      EndTimestamp: T0,
    });
    expect(service.getOperations(arn)[0]).toMatchObject({
      Type: "EXECUTION",
      Status: "SUCCEEDED",
      EndTimestamp: T0,
    });
  });

  it("ends the execution with the error of an EXECUTION FAIL", () => {
    const { service, start } = setup();
    const arn = start();
    const invocation = new Invocation(service, arn);
    invocation.checkpoint({
      Id: "any",
      Type: "EXECUTION",
      Action: "FAIL",
      Error: { ErrorType: "Boom" },
    });
    invocation.returns({ Status: "FAILED", Error: { ErrorType: "Boom" } });
    expect(service.getExecution({ DurableExecutionArn: arn })).toMatchObject({
      Status: "FAILED",
      Error: { ErrorType: "Boom" },
    });
  });
});
