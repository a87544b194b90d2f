import { describe, expect, it } from "vitest";
import {
  type DurableContext,
  type RetryStrategy,
  retryPresets,
  StepError,
  StepSemantics,
  withDurableExecution,
} from "../../src/index.js";
import { FakeService, id } from "../helpers/fake-service.js";

const retryEvery =
  (seconds: number): RetryStrategy =>
  () => ({
    shouldRetry: true,
    delay: { seconds },
  });

/** What user code sees of a caught error, to compare a live failure with its replay. */
function seen(error: unknown) {
  const { name, message, cause } = error as Error & { cause?: Error };
  return {
    isStepError: error instanceof StepError,
    name,
    message,
    cause: { name: cause?.name, message: cause?.message },
  };
}

describe("context.step on the wire", () => {
  it("sends START and SUCCEED for an unnamed step, with no Name or ParentId", async () => {
    const service = new FakeService();
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) =>
      context.step(async () => ({ total: 3 })),
    );

    await expect(service.invoke(handler)).resolves.toEqual({
      Status: "SUCCEEDED",
      Result: '{"total":3}',
    });
    expect(service.updates).toEqual([
      { Id: id("1"), Type: "STEP", SubType: "Step", Action: "START" },
      { Id: id("1"), Type: "STEP", SubType: "Step", Action: "SUCCEED", Payload: '{"total":3}' },
    ]);
  });

  it("sends no Payload for a step that returns undefined", async () => {
    const service = new FakeService();
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      const value = await context.step("notify", () => undefined);
      return { value: value ?? "nothing" };
    });

    await expect(service.invoke(handler)).resolves.toEqual({
      Status: "SUCCEEDED",
      Result: '{"value":"nothing"}',
    });
    expect(service.updates[1]).toEqual({
      Id: id("1"),
      Name: "notify",
      Type: "STEP",
      SubType: "Step",
      Action: "SUCCEED",
    });
  });

  it("runs the body before its START is sent with at-least-once semantics", async () => {
    const service = new FakeService();
    let requestsWhenBodyRan = -1;
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) =>
      context.step("send-email", () => {
        requestsWhenBodyRan = service.requests.length;
        return "sent";
      }),
    );

    await service.invoke(handler);

    expect(requestsWhenBodyRan).toBe(0);
    expect(service.requests.map((request) => request.Updates?.map((u) => u.Action))).toEqual([
      ["START", "SUCCEED"],
    ]);
  });

  it("waits for the service to accept START before the body runs with at-most-once semantics", async () => {
    const service = new FakeService();
    let sentWhenBodyRan: string[][] = [];
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) =>
      context.step(
        "charge-card",
        () => {
          sentWhenBodyRan = service.requests.map((r) => (r.Updates ?? []).map((u) => u.Action!));
          return "charged";
        },
        { semantics: StepSemantics.AtMostOncePerRetry },
      ),
    );

    await service.invoke(handler);

    expect(sentWhenBodyRan).toEqual([["START"]]);
    expect(service.operation("1")?.Status).toBe("SUCCEEDED");
    expect(service.requests).toHaveLength(2);
  });

  it("threads each response's token into the next checkpoint", async () => {
    const service = new FakeService();
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      await context.step("a", () => 1);
      await context.step("b", () => 2);
      return "done";
    });

    const event = service.event();
    await handler(event);

    expect(service.requests.map((request) => request.CheckpointToken)).toEqual([
      event.CheckpointToken,
      "token-2",
    ]);
  });
});

describe("context.step on replay", () => {
  it("returns the stored result on replay without running the step body", async () => {
    const service = new FakeService().record("1", {
      Type: "STEP",
      SubType: "Step",
      Name: "fetch-user",
      Status: "SUCCEEDED",
      StepDetails: { Attempt: 1, Result: '{"id":"u-1"}' },
    });
    let bodyRuns = 0;
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) =>
      context.step("fetch-user", () => {
        bodyRuns += 1;
        return { id: "someone else" };
      }),
    );

    await expect(service.invoke(handler)).resolves.toEqual({
      Status: "SUCCEEDED",
      Result: '{"id":"u-1"}',
    });
    expect(bodyRuns).toBe(0);
    expect(service.requests).toEqual([]);
  });

  it("throws the same StepError on replay as when the step failed live", async () => {
    const service = new FakeService();
    let bodyRuns = 0;
    const caught: unknown[] = [];
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      try {
        await context.step(
          "reserve",
          () => {
            bodyRuns += 1;
            throw new RangeError("no seats left");
          },
          { retryStrategy: retryPresets.noRetry },
        );
      } catch (error) {
        caught.push(error);
      }
      return "handled";
    });

    await service.invoke(handler);
    await service.invoke(handler);

    expect(bodyRuns).toBe(1);
    expect(caught.map(seen)).toEqual([
      {
        isStepError: true,
        name: "StepError",
        message: "no seats left",
        cause: { name: "RangeError", message: "no seats left" },
      },
      {
        isStepError: true,
        name: "StepError",
        message: "no seats left",
        cause: { name: "RangeError", message: "no seats left" },
      },
    ]);
    expect(service.updates.map((update) => update.Action)).toEqual(["START", "FAIL"]);
    expect(service.updates[1]?.Error).toEqual({
      ErrorType: "RangeError",
      ErrorMessage: "no seats left",
    });
  });

  it("runs a step found STARTED again as the same attempt, without a second START", async () => {
    const service = new FakeService().record("1", {
      Type: "STEP",
      SubType: "Step",
      Name: "export",
      Status: "STARTED",
      StepDetails: { Attempt: 1 },
    });
    const attempts: number[] = [];
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) =>
      context.step("export", ({ attempt }) => {
        attempts.push(attempt);
        return "exported";
      }),
    );

    await expect(service.invoke(handler)).resolves.toEqual({
      Status: "SUCCEEDED",
      Result: '"exported"',
    });
    expect(attempts).toEqual([2]);
    expect(service.updates.map((update) => update.Action)).toEqual(["SUCCEED"]);
  });

  it("fails an at-most-once step found STARTED with StepInterruptedError instead of running it", async () => {
    const service = new FakeService().record("1", {
      Type: "STEP",
      SubType: "Step",
      Name: "charge-card",
      Status: "STARTED",
    });
    let bodyRuns = 0;
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) =>
      context.step(
        "charge-card",
        () => {
          bodyRuns += 1;
          return "charged twice";
        },
        { semantics: StepSemantics.AtMostOncePerRetry, retryStrategy: retryPresets.noRetry },
      ),
    );

    const output = await service.invoke(handler);

    const message =
      'Step "charge-card" was interrupted: an earlier invocation started it and did not finish. With AtMostOncePerRetry semantics it is not run again in the same attempt.';
    expect(bodyRuns).toBe(0);
    expect(output).toEqual({
      Status: "FAILED",
      Error: { ErrorType: "StepError", ErrorMessage: message },
    });
    expect(service.updates).toEqual([
      {
        Id: id("1"),
        Name: "charge-card",
        Type: "STEP",
        SubType: "Step",
        Action: "FAIL",
        Error: { ErrorType: "StepInterruptedError", ErrorMessage: message },
      },
    ]);
  });

  it("retries an interrupted at-most-once step when its strategy allows, without running it", async () => {
    const service = new FakeService().record("1", {
      Type: "STEP",
      SubType: "Step",
      Name: "charge-card",
      Status: "STARTED",
    });
    let bodyRuns = 0;
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) =>
      context.step(
        "charge-card",
        () => {
          bodyRuns += 1;
          return "charged";
        },
        { semantics: StepSemantics.AtMostOncePerRetry, retryStrategy: retryEvery(10) },
      ),
    );

    await expect(service.invoke(handler)).resolves.toEqual({ Status: "PENDING" });
    expect(bodyRuns).toBe(0);
    expect(service.updates).toMatchObject([
      {
        Action: "RETRY",
        Error: { ErrorType: "StepInterruptedError" },
        StepOptions: { NextAttemptDelaySeconds: 10 },
      },
    ]);
  });
});

describe("context.step retries", () => {
  it("checkpoints RETRY with the error and the delay, then suspends", async () => {
    const service = new FakeService();
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) =>
      context.step(
        "call-api",
        () => {
          throw new Error("503 from upstream");
        },
        { retryStrategy: retryEvery(30) },
      ),
    );

    await expect(service.invoke(handler)).resolves.toEqual({ Status: "PENDING" });
    expect(service.updates).toEqual([
      { Id: id("1"), Name: "call-api", Type: "STEP", SubType: "Step", Action: "START" },
      {
        Id: id("1"),
        Name: "call-api",
        Type: "STEP",
        SubType: "Step",
        Action: "RETRY",
        Error: { ErrorType: "Error", ErrorMessage: "503 from upstream" },
        StepOptions: { NextAttemptDelaySeconds: 30 },
      },
    ]);
  });

  it("runs the next attempt once the service made the retry READY", async () => {
    const service = new FakeService();
    const attempts: number[] = [];
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) =>
      context.step(
        "call-api",
        ({ attempt }) => {
          attempts.push(attempt);
          if (attempt === 1) throw new Error("503 from upstream");
          return "ok";
        },
        { retryStrategy: retryEvery(30) },
      ),
    );

    await expect(service.invoke(handler)).resolves.toEqual({ Status: "PENDING" });
    service.change("1", { Status: "READY" });
    await expect(service.invoke(handler)).resolves.toEqual({
      Status: "SUCCEEDED",
      Result: '"ok"',
    });

    expect(attempts).toEqual([1, 2]);
    expect(service.updates.map((update) => update.Action)).toEqual([
      "START",
      "RETRY",
      "START",
      "SUCCEED",
    ]);
    expect(service.operation("1")?.StepDetails?.Attempt).toBe(2);
  });

  it("suspends on a PENDING retry without running the body", async () => {
    const service = new FakeService().record("1", {
      Type: "STEP",
      SubType: "Step",
      Name: "call-api",
      Status: "PENDING",
      StepDetails: { Attempt: 1 },
    });
    let bodyRuns = 0;
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) =>
      context.step("call-api", () => {
        bodyRuns += 1;
        return "ok";
      }),
    );

    await expect(service.invoke(handler)).resolves.toEqual({ Status: "PENDING" });
    expect(bodyRuns).toBe(0);
    expect(service.requests).toEqual([]);
  });

  it("runs a PENDING retry in the same invocation when a checkpoint response makes it READY", async () => {
    const service = new FakeService().record("1", {
      Type: "STEP",
      SubType: "Step",
      Name: "call-api",
      Status: "PENDING",
      StepDetails: { Attempt: 1 },
    });
    service.onCheckpoint(1, { meanwhile: () => service.change("1", { Status: "READY" }) });
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) =>
      Promise.all([
        context.step("call-api", ({ attempt }) => `attempt ${attempt}`),
        context.step("audit", () => "logged"),
      ]),
    );

    await expect(service.invoke(handler)).resolves.toEqual({
      Status: "SUCCEEDED",
      Result: '["attempt 2","logged"]',
    });
  });

  it("retries with retryPresets.default when no retryStrategy is given", async () => {
    const service = new FakeService();
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) =>
      context.step("flaky", () => {
        throw new Error("try again");
      }),
    );

    await expect(service.invoke(handler)).resolves.toEqual({ Status: "PENDING" });
    const delay = service.updates[1]?.StepOptions?.NextAttemptDelaySeconds;
    expect(service.updates[1]?.Action).toBe("RETRY");
    expect(delay).toBeGreaterThanOrEqual(1);
    expect(delay).toBeLessThanOrEqual(5);
  });

  it("fails the step on its sixth attempt with the default strategy", async () => {
    const service = new FakeService().record("1", {
      Type: "STEP",
      SubType: "Step",
      Name: "flaky",
      Status: "READY",
      StepDetails: { Attempt: 5, Error: { ErrorType: "Error", ErrorMessage: "try again" } },
    });
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) =>
      context.step("flaky", ({ attempt }) => {
        throw new Error(`attempt ${attempt} failed`);
      }),
    );

    await expect(service.invoke(handler)).resolves.toEqual({
      Status: "FAILED",
      Error: { ErrorType: "StepError", ErrorMessage: "attempt 6 failed" },
    });
    expect(service.updates.map((update) => update.Action)).toEqual(["START", "FAIL"]);
  });

  it("fails the execution when the retry strategy throws, and the user cannot catch it", async () => {
    const service = new FakeService();
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      try {
        await context.step(
          "s",
          () => {
            throw new Error("boom");
          },
          {
            retryStrategy: () => {
              throw new Error("bad strategy");
            },
          },
        );
      } catch {
        return "caught";
      }
      return "finished";
    });

    await expect(service.invoke(handler)).resolves.toEqual({
      Status: "FAILED",
      Error: {
        ErrorType: "DurableConfigError",
        ErrorMessage: 'Step "s": the retry strategy threw: Error: bad strategy',
      },
    });
  });

  it("fails the execution when the retry strategy returns a delay under 1 second", async () => {
    const service = new FakeService();
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) =>
      context.step(
        "s",
        () => {
          throw new Error("boom");
        },
        { retryStrategy: retryEvery(0) },
      ),
    );

    await expect(service.invoke(handler)).resolves.toEqual({
      Status: "FAILED",
      Error: {
        ErrorType: "DurableConfigError",
        ErrorMessage: 'Step "s" retry delay: duration must be at least 1 second, got 0.',
      },
    });
  });
});

describe("context.step errors", () => {
  it("records a thrown string or object as an Error that names the value", async () => {
    const service = new FakeService();
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      const outcomes: string[] = [];
      for (const thrown of ["plain string", { code: 42 }]) {
        await context
          .step(
            () => {
              throw thrown;
            },
            { retryStrategy: retryPresets.noRetry },
          )
          .catch((error: unknown) => outcomes.push((error as StepError).message));
      }
      return outcomes;
    });

    await expect(service.invoke(handler)).resolves.toEqual({
      Status: "SUCCEEDED",
      Result: JSON.stringify(["plain string", 'Non-Error value thrown: {"code":42}']),
    });
    expect(service.updates.filter((u) => u.Action === "FAIL").map((u) => u.Error)).toEqual([
      { ErrorType: "Error", ErrorMessage: "plain string" },
      { ErrorType: "Error", ErrorMessage: 'Non-Error value thrown: {"code":42}' },
    ]);
  });

  it("fails the execution when given no function, and the user cannot catch it", async () => {
    const service = new FakeService();
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      try {
        await context.step("s", undefined as never);
      } catch {
        return "caught";
      }
      return "finished";
    });

    await expect(service.invoke(handler)).resolves.toEqual({
      Status: "FAILED",
      Error: {
        ErrorType: "DurableConfigError",
        ErrorMessage: 'step "s": expected a function, got undefined.',
      },
    });
    expect(service.requests).toEqual([]);
  });

  it("fails the execution when a name is not 1 to 256 printable ASCII characters", async () => {
    const service = new FakeService();
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) =>
      context.step("", () => 1),
    );

    await expect(service.invoke(handler)).resolves.toEqual({
      Status: "FAILED",
      Error: {
        ErrorType: "DurableConfigError",
        ErrorMessage: 'Step name must be 1 to 256 printable ASCII characters, got "".',
      },
    });
  });
});
