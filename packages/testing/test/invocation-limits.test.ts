import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";
import { describe, expect, it } from "vitest";
import { HarnessError, InvocationTimeoutError, runDurable } from "../src/index.js";

const never = () => new Promise<never>(() => {});
// Long enough that a loaded 2-core machine finishes step "prepare" before the limit, so the
// message always names the operation that really hangs; each test waits this long.
const LIMIT_MS = 3_000;

describe("runDurable with an invocation that never settles", () => {
  it("fails within the limit, naming the step whose body never settles", async () => {
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      await context.step("prepare", () => "ready");
      return context.step("fetch-report", () => never());
    });

    const error = await runDurable(handler, { invocationTimeLimitMs: LIMIT_MS }).catch((e) => e);
    expect(error).toBeInstanceOf(InvocationTimeoutError);
    expect(error.message).toBe(
      `Invocation 1 did not finish within ${LIMIT_MS} ms of real time: step "fetch-report" is still running: its body has not settled. Something it awaits never settles, which on Lambda keeps the function running until it times out. Make it settle, or raise invocationTimeLimitMs if it really takes that long.`,
    );
  });

  it("names the last operation when the handler itself awaits something that never settles", async () => {
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      await context.step("prepare", () => "ready");
      await never();
    });

    await expect(runDurable(handler, { invocationTimeLimitMs: LIMIT_MS })).rejects.toThrow(
      `Invocation 1 did not finish within ${LIMIT_MS} ms of real time: the handler has not returned, and no operation is running (the last one was step "prepare").`,
    );
  });
});

describe("context.getRemainingTimeInMillis", () => {
  const remaining = withDurableExecution(async (_: unknown, context: DurableContext) =>
    context.step("read", () =>
      (context.lambdaContext as { getRemainingTimeInMillis(): number }).getRemainingTimeInMillis(),
    ),
  );

  it("counts down from the function's timeout", async () => {
    const run = await runDurable(remaining, { functionTimeoutSeconds: 60 });
    expect(run.result).toBeGreaterThan(0);
    expect(run.result).toBeLessThanOrEqual(60_000);
  });

  it("starts from 900 seconds, Lambda's longest timeout, by default", async () => {
    const run = await runDurable(remaining);
    expect(run.result).toBeGreaterThan(60_000);
    expect(run.result).toBeLessThanOrEqual(900_000);
  });
});

describe("runDurable options", () => {
  it.each([
    ["invocationTimeLimitMs", 0],
    ["functionTimeoutSeconds", -1],
    ["maxInvocations", "ten"],
  ])("refuses %s = %j", async (key, value) => {
    const handler = withDurableExecution(async () => "ok");
    await expect(runDurable(handler, { [key]: value } as never)).rejects.toThrow(
      new HarnessError(`runDurable: ${key} must be a positive number, got ${String(value)}.`),
    );
  });
});
