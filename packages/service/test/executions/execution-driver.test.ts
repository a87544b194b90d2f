import { describe, expect, it } from "vitest";
import { ExecutionDriver, type InvocationRequest } from "../../src/index.js";
import { eventTypes, historyOf, setup, wait } from "../helpers/service.js";

describe("ExecutionDriver", () => {
  it("invokes a new execution and reports what the function returned", async () => {
    const { service, start } = setup();
    const arn = start();
    const driver = new ExecutionDriver(service);
    expect(driver.dueWork()).toEqual({ executions: [arn], functionCalls: [] });

    const seen: InvocationRequest[] = [];
    const outcome = await driver.runInvocation(arn, async (request) => {
      seen.push(request);
      return { kind: "returned", output: { Status: "SUCCEEDED", Result: '"done"' } };
    });

    expect(outcome.kind).toBe("returned");
    expect(seen.map((request) => request.executionArn)).toEqual([arn]);
    expect(service.getExecution({ DurableExecutionArn: arn })).toMatchObject({
      Status: "SUCCEEDED",
      Result: '"done"',
    });
    expect(driver.dueWork().executions).toEqual([]);
  });

  it("fires a wait's timer when it is due, then offers the execution again", async () => {
    const { service, start, clock } = setup();
    const arn = start();
    const driver = new ExecutionDriver(service);
    await driver.runInvocation(arn, async (request) => {
      service.checkpoint({
        DurableExecutionArn: arn,
        CheckpointToken: request.event.CheckpointToken,
        Updates: [wait.start("w", 10)],
      });
      return { kind: "returned", output: { Status: "PENDING" } };
    });

    const waiting = driver.advance();
    expect(waiting.executions).toEqual([]);
    expect(waiting.nextTimerAt?.getTime()).toBe(clock.now().getTime() + 10_000);

    clock.advanceTo(waiting.nextTimerAt!);
    const woken = driver.advance();
    expect(woken.executions).toEqual([arn]);
    // What remains is the execution's own timeout, a day after it started.
    expect(woken.nextTimerAt).toEqual(new Date("2025-01-02T00:00:00Z"));
  });

  it("reports a run function that throws as a failed invocation, which the service retries", async () => {
    const { service, start } = setup();
    const arn = start();
    const driver = new ExecutionDriver(service);

    const outcome = await driver.runInvocation(arn, async () => {
      throw new TypeError("handler blew up");
    });

    expect(outcome).toEqual({
      kind: "threw",
      error: { ErrorType: "TypeError", ErrorMessage: "handler blew up" },
    });
    expect(eventTypes(historyOf(service, arn))).toEqual([
      "1 ExecutionStarted",
      "2 InvocationCompleted",
    ]);
    expect(service.getExecution({ DurableExecutionArn: arn }).Status).toBe("RUNNING");
  });
});
