import { describe, expect, it } from "vitest";
import {
  type DurableContext,
  DurableExecutionClientError,
  withDurableExecution,
} from "../../src/index.js";
import { FakeService, type Fault } from "../helpers/fake-service.js";

/** Two steps in a row: the second checkpoint is the one a test usually fails. */
const twoSteps = withDurableExecution(async (_: unknown, context: DurableContext) => {
  await context.step("first", () => "a");
  try {
    await context.step("second", () => "b");
  } catch {
    return "caught a checkpoint failure";
  }
  return "done";
});

/** Lets the callbacks queued by `count` macrotasks run, as slow user code would. */
async function turns(count: number): Promise<void> {
  for (let turn = 0; turn < count; turn++) await new Promise((resolve) => setImmediate(resolve));
}

describe("a checkpoint that fails", () => {
  it.each<[Fault, string]>([
    ["throttled", "TooManyRequestsException: Rate exceeded"],
    ["server-error", "ServiceException: Internal error"],
    ["network-error", "Error: socket hang up"],
    ["stale-token", "InvalidParameterValueException: Invalid checkpoint token: t-old"],
  ])("with %s makes the handler throw, so Lambda invokes it again", async (fault, reason) => {
    const service = new FakeService();
    service.onCheckpoint(2, { fail: fault });

    const thrown = await service.invoke(twoSteps).catch((error: unknown) => error);

    expect(thrown).toBeInstanceOf(DurableExecutionClientError);
    expect(thrown).toMatchObject({
      scope: "INVOCATION",
      message: `CheckpointDurableExecution failed: ${reason}`,
    });
    expect(service.requests).toHaveLength(2);
  });

  it.each<[Fault, string]>([
    ["invalid-parameter", "InvalidParameterValueException: Invalid operation update"],
    ["not-found", "ResourceNotFoundException: Execution not found"],
    ["kms-disabled", "KMSDisabledException: The key is disabled"],
  ])("with %s fails the execution, whatever the handler catches", async (fault, reason) => {
    const service = new FakeService();
    service.onCheckpoint(2, { fail: fault });

    await expect(service.invoke(twoSteps)).resolves.toEqual({
      Status: "FAILED",
      Error: {
        ErrorType: "DurableExecutionClientError",
        ErrorMessage: `CheckpointDurableExecution failed: ${reason}`,
      },
    });
  });

  it("is not reported as SUCCEEDED when it is the last one, sent after the handler returned", async () => {
    const service = new FakeService();
    service.onCheckpoint(1, { fail: "server-error" });
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) =>
      context.runInChildContext("group", async () => "grouped"),
    );

    await expect(service.invoke(handler)).rejects.toBeInstanceOf(DurableExecutionClientError);
  });

  it("recovers on the next invocation from the state the service kept", async () => {
    const service = new FakeService();
    service.onCheckpoint(2, { fail: "throttled" });
    let firstRuns = 0;
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      const a = await context.step("first", () => {
        firstRuns += 1;
        return "a";
      });
      return a + (await context.step("second", () => "b"));
    });

    await expect(service.invoke(handler)).rejects.toThrow("TooManyRequestsException");
    await expect(service.invoke(handler)).resolves.toEqual({ Status: "SUCCEEDED", Result: '"ab"' });
    expect(firstRuns).toBe(1);
  });
});

describe("a checkpoint response without a token", () => {
  it("ends the invocation with PENDING when more updates wait to be sent", async () => {
    const service = new FakeService();
    service.onCheckpoint(1, { withoutToken: true });

    await expect(service.invoke(twoSteps)).resolves.toEqual({ Status: "PENDING" });
    expect(service.requests).toHaveLength(1);
  });

  it("ends with PENDING, not an empty SUCCEEDED, when a large result's EXECUTION update cannot be sent", async () => {
    const service = new FakeService();
    service.onCheckpoint(1, { withoutToken: true });
    const result = "x".repeat(6 * 1024 * 1024 - 10);
    let bodyRuns = 0;
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      await context.step("prepare", () => {
        bodyRuns += 1;
        return "ready";
      });
      return result;
    });

    await expect(service.invoke(handler)).resolves.toEqual({ Status: "PENDING" });
    expect(service.requests).toHaveLength(1);
    // The next invocation replays the accepted step and sends the result it could not send.
    await expect(service.invoke(handler)).resolves.toEqual({ Status: "SUCCEEDED", Result: "" });
    expect(bodyRuns).toBe(1);
    expect(service.updates.at(-1)).toEqual({
      Id: "execution",
      Type: "EXECUTION",
      Action: "SUCCEED",
      Payload: JSON.stringify(result),
    });
  });

  it("ends with PENDING, not FAILED, when the handler threw and updates are left unsent", async () => {
    const service = new FakeService();
    service.onCheckpoint(1, { withoutToken: true });
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      await context.step("first", () => "a");
      void context.step("audit", () => "logged").catch(() => {});
      throw new Error("order rejected");
    });

    await expect(service.invoke(handler)).resolves.toEqual({ Status: "PENDING" });
    expect(service.requests).toHaveLength(1);
  });

  it("is expected after the terminal EXECUTION update of a result too large for the response", async () => {
    const service = new FakeService();
    service.onCheckpoint(1, { withoutToken: true });
    const result = "x".repeat(6 * 1024 * 1024 - 10);
    const handler = withDurableExecution(async () => result);

    await expect(service.invoke(handler)).resolves.toEqual({ Status: "SUCCEEDED", Result: "" });
    expect(service.updates).toEqual([
      { Id: "execution", Type: "EXECUTION", Action: "SUCCEED", Payload: JSON.stringify(result) },
    ]);
  });
});

describe("suspension", () => {
  it("waits for a step body still running before it suspends for a wait", async () => {
    const service = new FakeService();
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      await Promise.all([
        context.wait("pause", { hours: 1 }),
        context.step("slow", async () => {
          await turns(5);
          return "slow";
        }),
      ]);
      return "done";
    });

    await expect(service.invoke(handler)).resolves.toEqual({ Status: "PENDING" });
    expect(service.operation("2")?.Status).toBe("SUCCEEDED");
  });

  it("sends what the handler queued before it answers with its result", async () => {
    const service = new FakeService();
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      void context.step("audit", () => "logged");
      return "answered";
    });

    await expect(service.invoke(handler)).resolves.toEqual({
      Status: "SUCCEEDED",
      Result: '"answered"',
    });
    expect(service.operation("1")?.Status).toBe("SUCCEEDED");
  });

  it("does not suspend while an unawaited wait is pending and the handler can still return", async () => {
    const service = new FakeService();
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      void context.wait("reminder", { days: 1 });
      return context.step("work", () => "worked");
    });

    await expect(service.invoke(handler)).resolves.toEqual({
      Status: "SUCCEEDED",
      Result: '"worked"',
    });
  });
});
