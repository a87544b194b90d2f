import { describe, expect, it } from "vitest";
import {
  createWaitStrategy,
  type DurableContext,
  WaitForConditionError,
  type WaitForConditionWaitStrategyFunc,
  withDurableExecution,
} from "../../src/index.js";
import { FakeService, id } from "../helpers/fake-service.js";

interface Job {
  polls: number;
  done: boolean;
}

/** Polls until the third check, every 20 seconds; records what each check received. */
function pollJob(
  checks: { state: Job; attempt: number }[],
  waitStrategy?: WaitForConditionWaitStrategyFunc<Job>,
) {
  return withDurableExecution(async (_: unknown, context: DurableContext) =>
    context.waitForCondition(
      "job-done",
      (state: Job, { attempt }) => {
        checks.push({ state, attempt });
        return { polls: state.polls + 1, done: state.polls + 1 >= 3 };
      },
      {
        initialState: { polls: 0, done: false },
        waitStrategy:
          waitStrategy ??
          ((state) =>
            state.done
              ? { shouldContinue: false }
              : { shouldContinue: true, delay: { seconds: 20 } }),
      },
    ),
  );
}

describe("context.waitForCondition", () => {
  it("runs the first check on initialState and checkpoints RETRY with the new state and the delay", async () => {
    const service = new FakeService();
    const checks: { state: Job; attempt: number }[] = [];

    await expect(service.invoke(pollJob(checks))).resolves.toEqual({ Status: "PENDING" });
    expect(checks).toEqual([{ state: { polls: 0, done: false }, attempt: 1 }]);
    expect(service.updates).toEqual([
      { Id: id("1"), Name: "job-done", Type: "STEP", SubType: "WaitForCondition", Action: "START" },
      {
        Id: id("1"),
        Name: "job-done",
        Type: "STEP",
        SubType: "WaitForCondition",
        Action: "RETRY",
        Payload: '{"polls":1,"done":false}',
        StepOptions: { NextAttemptDelaySeconds: 20 },
      },
    ]);
  });

  it("gives each later check the state the previous one checkpointed, and returns the final state", async () => {
    const service = new FakeService();
    const checks: { state: Job; attempt: number }[] = [];
    const handler = pollJob(checks);

    await service.invoke(handler);
    service.change("1", { Status: "READY" });
    await service.invoke(handler);
    service.change("1", { Status: "READY" });
    const output = await service.invoke(handler);

    expect(output).toEqual({ Status: "SUCCEEDED", Result: '{"polls":3,"done":true}' });
    expect(checks).toEqual([
      { state: { polls: 0, done: false }, attempt: 1 },
      { state: { polls: 1, done: false }, attempt: 2 },
      { state: { polls: 2, done: false }, attempt: 3 },
    ]);
    expect(service.updates.at(-1)).toMatchObject({
      Action: "SUCCEED",
      Payload: '{"polls":3,"done":true}',
    });
  });

  it("returns the stored state on replay without running the check", async () => {
    const service = new FakeService().record("1", {
      Type: "STEP",
      SubType: "WaitForCondition",
      Name: "job-done",
      Status: "SUCCEEDED",
      StepDetails: { Attempt: 3, Result: '{"polls":3,"done":true}' },
    });
    const checks: { state: Job; attempt: number }[] = [];

    await expect(service.invoke(pollJob(checks))).resolves.toEqual({
      Status: "SUCCEEDED",
      Result: '{"polls":3,"done":true}',
    });
    expect(checks).toEqual([]);
    expect(service.requests).toEqual([]);
  });

  it("fails at once, without retrying, when a check throws, and again on replay", async () => {
    const service = new FakeService();
    let checkRuns = 0;
    const caught: string[] = [];
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      try {
        await context.waitForCondition(
          "job-done",
          () => {
            checkRuns += 1;
            throw new TypeError("job vanished");
          },
          { initialState: 0, waitStrategy: () => ({ shouldContinue: false }) },
        );
      } catch (error) {
        const { cause } = error as Error & { cause: Error };
        caught.push(
          `${error instanceof WaitForConditionError} ${(error as Error).message} (${cause.name})`,
        );
      }
      return "handled";
    });

    await service.invoke(handler);
    await service.invoke(handler);

    expect(checkRuns).toBe(1);
    expect(caught).toEqual(["true job vanished (TypeError)", "true job vanished (TypeError)"]);
    expect(service.updates.map((update) => [update.Action, update.Error])).toEqual([
      ["START", undefined],
      ["FAIL", { ErrorType: "TypeError", ErrorMessage: "job vanished" }],
    ]);
  });

  it("fails when a wait strategy from createWaitStrategy runs out of attempts", async () => {
    const service = new FakeService();
    const checks: { state: Job; attempt: number }[] = [];
    const strategy = createWaitStrategy<Job>({
      shouldContinuePolling: (state) => !state.done,
      maxAttempts: 1,
    });

    await expect(service.invoke(pollJob(checks, strategy))).resolves.toEqual({
      Status: "FAILED",
      Error: {
        ErrorType: "WaitForConditionError",
        ErrorMessage: "waitForCondition gave up after 1 checks: the condition never held.",
      },
    });
    expect(service.updates.map((update) => update.Action)).toEqual(["START", "FAIL"]);
  });

  it("fails the execution when the wait strategy's delay is under 1 second", async () => {
    const service = new FakeService();
    const strategy: WaitForConditionWaitStrategyFunc<Job> = () => ({
      shouldContinue: true,
      delay: { seconds: 0 },
    });

    await expect(service.invoke(pollJob([], strategy))).resolves.toEqual({
      Status: "FAILED",
      Error: {
        ErrorType: "DurableConfigError",
        ErrorMessage:
          'WaitForCondition "job-done" delay: duration must be at least 1 second, got 0.',
      },
    });
  });

  it("fails the execution when the config lacks initialState or a waitStrategy", async () => {
    const service = new FakeService();
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) =>
      context.waitForCondition("job-done", (state: number) => state, {
        waitStrategy: () => ({ shouldContinue: false }),
      } as never),
    );

    await expect(service.invoke(handler)).resolves.toEqual({
      Status: "FAILED",
      Error: {
        ErrorType: "DurableConfigError",
        ErrorMessage:
          'WaitForCondition "job-done": config needs initialState and a waitStrategy function.',
      },
    });
    expect(service.requests).toEqual([]);
  });
});
