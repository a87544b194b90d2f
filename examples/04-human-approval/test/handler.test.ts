import { fileURLToPath } from "node:url";
import { checkReplay, expectReplays, runDurable, startDurable } from "@durable-examples/testing";
import { describe, expect, it } from "vitest";
import { type ExpenseClaim, handler } from "../src/handler.js";

const claim: ExpenseClaim = {
  claimId: "exp-2291",
  employee: "ada@example.com",
  amountCents: 18_450,
  description: "Train tickets to the Lisbon offsite",
  approver: "grace@example.com",
};
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

describe("04-human-approval", () => {
  it("pays the claim out when the manager approves it", async () => {
    const run = await runDurable(handler, {
      input: claim,
      callbacks: [
        {
          name: "manager-approval",
          succeed: { approvedBy: "grace@example.com" },
          after: { hours: 5 },
        },
      ],
    });
    console.log(run.timeline);

    expect(run.status).toBe("SUCCEEDED");
    expect(run.result).toEqual({
      claimId: "exp-2291",
      status: "approved",
      approvedBy: "grace@example.com",
      payout: "payout-exp-2291-18450",
    });
    expect(run.elapsedMs).toBe(5 * HOUR_MS);
    // Suspended while the manager thought about it; invoked again by the answer.
    expect(run.invocations.map((invocation) => invocation.outcome)).toEqual([
      "PENDING",
      "SUCCEEDED",
    ]);
  });

  it("hands the callback id to the approval system, which answers with it", async () => {
    const execution = startDurable(handler, { input: claim });
    const approval = await execution.callback("manager-approval");
    await execution.advance({ hours: 20 });
    await approval.succeed({
      approvedBy: "grace@example.com",
      note: "Fine, book earlier next time",
    });
    const run = await execution.result();

    expect(run.logs.map((log) => log.message)).toContain(
      `approval request for exp-2291 sent to grace@example.com (callback ${approval.callbackId})`,
    );
    expect(run.result).toMatchObject({ status: "approved", approvedBy: "grace@example.com" });
    expect(run.elapsedMs).toBe(20 * HOUR_MS);
  });

  it("rejects the claim when the approval system reports a rejection", async () => {
    const run = await runDurable(handler, {
      input: claim,
      callbacks: [
        {
          name: "manager-approval",
          fail: { ErrorType: "ClaimRejected", ErrorMessage: "Receipts are missing" },
          after: { days: 1 },
        },
      ],
    });

    expect(run.status).toBe("SUCCEEDED");
    expect(run.result).toEqual({
      claimId: "exp-2291",
      status: "rejected",
      reason: "Receipts are missing",
    });
    expect(() => run.getOperation("schedule-payout")).toThrow();
  });

  it("expires the claim when nobody answers within three days", async () => {
    const run = await runDurable(handler, { input: claim });
    console.log(run.timeline);

    expect(run.result).toEqual({
      claimId: "exp-2291",
      status: "expired",
      reason: "no decision within 3 days",
    });
    expect(run.elapsedMs).toBe(3 * DAY_MS);
    const timedOut = run.history.find((event) => event.EventType === "CallbackTimedOut");
    expect(timedOut?.CallbackTimedOutDetails?.Error?.Payload?.ErrorType).toBe("Callback.Timeout");
  });

  it("ignores an approval that arrives after the claim expired", async () => {
    const run = await runDurable(handler, {
      input: claim,
      callbacks: [
        {
          name: "manager-approval",
          succeed: { approvedBy: "grace@example.com" },
          after: { days: 4 },
        },
      ],
    });

    expect(run.result).toMatchObject({ status: "expired" });
    expect(run.elapsedMs).toBe(3 * DAY_MS);
  });

  it("fails the execution when the approval request cannot be sent", async () => {
    const run = await runDurable(handler, {
      input: { ...claim, approver: "nobody@elsewhere.test" },
    });

    expect(run.status).toBe("FAILED");
    expect(run.error).toMatchObject({
      ErrorType: "CallbackSubmitterError",
      ErrorMessage: 'no approver "nobody@elsewhere.test" in the directory',
    });
  });

  it("fails the execution when the answer is not JSON, after Lambda's retries", async () => {
    const run = await runDurable(handler, {
      input: claim,
      callbacks: [{ name: "manager-approval", succeed: "approved!" }],
    });

    expect(run.status).toBe("FAILED");
    expect(run.error?.ErrorType).toBe("SerdesError");
    expect(run.error?.ErrorMessage).toMatch(
      /could not deserialize .* "approved!" is not valid JSON/,
    );
    expect(run.invocations.slice(1).every((invocation) => invocation.outcome === "THREW")).toBe(
      true,
    );
  });

  it.each([
    ["an approval", [{ name: "manager-approval", succeed: { approvedBy: "grace@example.com" } }]],
    ["a rejection", [{ name: "manager-approval", fail: "Receipts are missing" }]],
    ["a timeout", []],
  ])("finishes the same way after a crash at any checkpoint: %s", async (_, callbacks) => {
    const report = await checkReplay(handler, { input: claim, callbacks });

    expect(report.crashPoints).toBeGreaterThan(0);
  });

  it("still replays every execution it has recorded (histories/)", async () => {
    await expectReplays(handler, fileURLToPath(new URL("../histories", import.meta.url)));
  });
});
