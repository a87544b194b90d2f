import {
  CallbackError,
  CallbackTimeoutError,
  type DurableContext,
  withDurableExecution,
} from "@durable-examples/runtime";
import { describe, expect, it } from "vitest";
import { checkReplay, ExecutionStuckError, runDurable, startDurable } from "../src/index.js";

/** Asks for approval and reports what came back. */
const approvalFlow = (timeout?: { hours: number }) =>
  withDurableExecution(async (_: unknown, context: DurableContext) => {
    try {
      const answer = await context.waitForCallback(
        "approval",
        async (callbackId, { logger }) => {
          logger.info(`approval requested with ${callbackId.length}-character id`);
        },
        timeout === undefined ? {} : { timeout },
      );
      return { outcome: "answered", answer };
    } catch (error) {
      if (error instanceof CallbackTimeoutError) return { outcome: "timed out" };
      if (error instanceof CallbackError) return { outcome: "failed", message: error.message };
      throw error;
    }
  });

describe("runDurable with callbacks", () => {
  it("answers a callback by name after a delay in virtual time", async () => {
    const run = await runDurable(approvalFlow(), {
      callbacks: [{ name: "approval", succeed: "yes", after: { hours: 2 } }],
    });

    expect(run.result).toEqual({ outcome: "answered", answer: "yes" });
    expect(run.elapsedMs).toBe(2 * 3_600_000);
  });

  it("sends values other than strings as JSON", async () => {
    const run = await runDurable(approvalFlow(), {
      callbacks: [{ name: "*", succeed: { approved: true } }],
    });

    expect(run.result).toEqual({ outcome: "answered", answer: '{"approved":true}' });
  });

  it("fails a callback with the given error", async () => {
    const run = await runDurable(approvalFlow(), {
      callbacks: [
        { name: "approval", fail: { ErrorType: "Rejected", ErrorMessage: "over budget" } },
      ],
    });

    expect(run.result).toEqual({ outcome: "failed", message: "over budget" });
  });

  it("times a callback out in virtual time when no answer comes", async () => {
    const run = await runDurable(approvalFlow({ hours: 24 }), {
      callbacks: [{ name: "approval", never: true }],
    });

    expect(run.result).toEqual({ outcome: "timed out" });
    expect(run.elapsedMs).toBe(24 * 3_600_000);
  });

  it("fails at once, naming the callback, when nothing will ever answer it", async () => {
    await expect(runDurable(approvalFlow())).rejects.toThrow(
      new ExecutionStuckError(
        'Execution can never finish: callback "approval" has no answer and no timeout. Answer it in the test (the callbacks option, or startDurable() and callback(name)) or give it a timeout.',
      ),
    );
  });

  it("lets the test answer while the run is suspended", async () => {
    const execution = startDurable(approvalFlow({ hours: 24 }));
    const approval = await execution.callback("approval");
    await execution.advance({ hours: 1 });
    await approval.succeed("approved after an hour");
    const run = await execution.result();

    expect(run.result).toEqual({ outcome: "answered", answer: "approved after an hour" });
    expect(run.elapsedMs).toBe(3_600_000);
  });

  it("survives a crash at every checkpoint of a callback flow", async () => {
    await checkReplay(approvalFlow(), {
      callbacks: [{ name: "approval", succeed: "yes", after: { minutes: 5 } }],
    });
  });
});

describe("runDurable with functions", () => {
  const payments = withDurableExecution(
    async (event: { amount: number }, context: DurableContext) =>
      context.step("charge", () => ({ charged: event.amount })),
  );
  const tax = async (event: { amount: number }) => ({ tax: event.amount / 10 });
  const order = withDurableExecution(async (event: { amount: number }, context: DurableContext) => {
    const { tax: owed } = await context.invoke<{ amount: number }, { tax: number }>(
      "tax",
      "tax-calculator",
      event,
    );
    return context.invoke("pay", "payments:live", { amount: event.amount + owed });
  });

  it("invokes a durable and a plain function by name", async () => {
    const run = await runDurable(order, {
      input: { amount: 100 },
      functions: { payments, "tax-calculator": { handler: tax, durable: false } },
    });

    expect(run.status).toBe("SUCCEEDED");
    expect(run.result).toEqual({ charged: 110 });
  });

  it("gives an invoked durable function its own execution timeout, which its caller sees", async () => {
    const slow = withDurableExecution(async (_: unknown, context: DurableContext) => {
      await context.wait("two-days", { days: 2 });
      return "late";
    });
    const caller = withDurableExecution(async (_: unknown, context: DurableContext) => {
      try {
        return await context.invoke("call-slow", "slow", {});
      } catch (error) {
        return `${(error as Error).name}: ${(error as Error).message}`;
      }
    });

    const run = await runDurable(caller, {
      functions: { slow: { handler: slow, executionTimeoutSeconds: 86_400 } },
    });

    expect(run.result).toBe(
      "InvokeError: The durable execution did not finish within its ExecutionTimeout of 86400 seconds.",
    );
    expect(run.elapsedMs).toBe(86_400_000);
  });

  it("refuses an execution timeout for a plain function", async () => {
    await expect(
      runDurable(order, {
        functions: {
          payments,
          "tax-calculator": { handler: tax, durable: false, executionTimeoutSeconds: 60 },
        },
      }),
    ).rejects.toThrow(
      'functions["tax-calculator"]: executionTimeoutSeconds applies to durable functions only; leave it out or drop durable: false.',
    );
  });
});

describe("runDurable with a misnamed callback answer", () => {
  it("fails, naming the answer that matched nothing and the callbacks that started", async () => {
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) =>
      context
        .waitForCallback("approval", async () => {}, { timeout: { hours: 1 } })
        .catch(() => "timed out"),
    );

    await expect(
      runDurable(handler, { callbacks: [{ name: "aproval", succeed: "yes" }] }),
    ).rejects.toThrow(
      'The callbacks option answers "aproval", but the execution started no callback by that name (callbacks started: "approval"). Use "*" to answer any callback.',
    );
  });

  it("reports the failure first when the execution failed before the callback started", async () => {
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      await context.step("prepare", () => "ready");
      return context.waitForCallback("approval", async () => {});
    });
    // Five throttled checkpoints in a row: the service gives up before the callback starts.
    const faults = [1, 2, 3, 4, 5].map((atCheckpoint) => ({
      atCheckpoint,
      kind: "throttling" as const,
    }));

    await expect(
      runDurable(handler, { faults, callbacks: [{ name: "approval", succeed: "yes" }] }),
    ).rejects.toThrow(
      'The execution ended FAILED with DurableExecutionClientError: CheckpointDurableExecution failed: TooManyRequestsException: Rate exceeded before it started a callback named "approval", which the callbacks option answers (callbacks started: none). If that failure is what the test expects, drop the answer.',
    );
  });
});

describe("runDurable with answers used once", () => {
  it("gives each callback the first unused matching answer, and after a heartbeat the next", async () => {
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      const [first] = await context.createCallback("first", { heartbeatTimeout: { minutes: 5 } });
      const one = await first;
      const [second] = await context.createCallback("second");
      return [one, await second];
    });
    const run = await runDurable(handler, {
      callbacks: [
        { name: "*", heartbeat: true, after: { minutes: 1 }, once: true },
        { name: "*", succeed: "one", after: { minutes: 2 }, once: true },
        { name: "*", succeed: "two", after: { minutes: 1 }, once: true },
      ],
    });

    expect(run.result).toEqual(["one", "two"]);
    expect(run.elapsedMs).toBe(3 * 60_000);
  });
});

describe("startDurable waitingCallbacks", () => {
  it("gives the callbacks the suspended execution waits on, and none once it ends", async () => {
    const execution = startDurable(approvalFlow({ hours: 1 }));
    const [approval] = await execution.waitingCallbacks();
    expect(approval?.name).toBe("approval");

    await approval!.succeed("yes");
    await expect(execution.waitingCallbacks()).resolves.toEqual([]);
    expect((await execution.result()).status).toBe("SUCCEEDED");
  });
});
