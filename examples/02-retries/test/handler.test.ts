import { fileURLToPath } from "node:url";
import { checkReplay, expectReplays, runDurable } from "@durable-examples/testing";
import { describe, expect, it } from "vitest";
import { type ChargeRequest, handler } from "../src/handler.js";

const order = (gateway: ChargeRequest["gateway"]): ChargeRequest => ({
  orderId: "order-1001",
  amountCents: 4999,
  gateway,
});

describe("02-retries", () => {
  it("retries a timeout with backoff and charges on the third attempt", async () => {
    const run = await runDurable(handler, { input: order({ timeoutsBeforeSuccess: 2 }) });
    console.log(run.timeline);

    expect(run.status).toBe("SUCCEEDED");
    expect(run.result).toEqual({ status: "charged", receipt: "rcpt-order-1001-4999" });
    expect(run.getOperation("charge-card").StepDetails?.Attempt).toBe(3);
    expect(run.invocations.map((invocation) => invocation.outcome)).toEqual([
      "PENDING",
      "PENDING",
      "SUCCEEDED",
    ]);
    // 2 s after the first failure, 4 s after the second: 6 s of virtual time, no real waiting.
    expect(run.elapsedMs).toBe(6_000);
  });

  it("records each failed attempt with its delay in the history", async () => {
    const run = await runDurable(handler, { input: order({ timeoutsBeforeSuccess: 2 }) });

    const failures = run.history
      .filter((event) => event.EventType === "StepFailed")
      .map((event) => event.StepFailedDetails?.RetryDetails);
    expect(failures).toEqual([
      { CurrentAttempt: 1, NextAttemptDelaySeconds: 2 },
      { CurrentAttempt: 2, NextAttemptDelaySeconds: 4 },
    ]);
  });

  it("gives up after the fourth attempt and releases the order", async () => {
    const run = await runDurable(handler, { input: order({ timeoutsBeforeSuccess: 10 }) });
    console.log(run.timeline);

    expect(run.status).toBe("SUCCEEDED");
    expect(run.result).toEqual({
      status: "not-charged",
      reason: "gateway timed out (attempt 4)",
      cause: "GatewayTimeoutError",
    });
    expect(run.getOperation("charge-card").StepDetails?.Attempt).toBe(4);
    expect(run.elapsedMs).toBe((2 + 4 + 8) * 1_000);
  });

  it("does not retry a declined card", async () => {
    const run = await runDurable(handler, { input: order({ declines: true }) });

    expect(run.result).toEqual({
      status: "not-charged",
      reason: "card declined for order-1001",
      cause: "CardDeclinedError",
    });
    expect(run.getOperation("charge-card").StepDetails?.Attempt).toBe(1);
    expect(run.invocations).toHaveLength(1);
  });

  it.each([
    ["a retried charge", { timeoutsBeforeSuccess: 2 }],
    ["an exhausted charge", { timeoutsBeforeSuccess: 10 }],
    ["a declined card", { declines: true }],
  ])("finishes the same way after a crash at any checkpoint: %s", async (_, gateway) => {
    await checkReplay(handler, { input: order(gateway) });
  });

  it("still replays every execution it has recorded (histories/)", async () => {
    await expectReplays(handler, fileURLToPath(new URL("../histories", import.meta.url)));
  });
});
