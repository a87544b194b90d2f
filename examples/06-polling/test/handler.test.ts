import { fileURLToPath } from "node:url";
import { checkReplay, type DurableRun, expectReplays, runDurable } from "@durable-examples/testing";
import { describe, expect, it } from "vitest";
import { type ExportRequest, handler } from "../src/handler.js";

const request = (exportApi: ExportRequest["exportApi"]): ExportRequest => ({
  accountId: "acct-311",
  exportApi,
});

/** The delay, in seconds, the strategy chose after each check that said "not yet". */
function pollDelays(run: DurableRun): (number | undefined)[] {
  return run.history
    .filter((event) => event.EventType === "StepSucceeded" && event.Name === "export-ready")
    .map((event) => event.StepSucceededDetails?.RetryDetails?.NextAttemptDelaySeconds)
    .filter((delay) => delay !== undefined);
}

describe("06-polling", () => {
  it("polls with growing delays and delivers the export on the fourth check", async () => {
    const run = await runDurable(handler, { input: request({ readyOnCheck: 4 }) });
    console.log(run.timeline);

    expect(run.status).toBe("SUCCEEDED");
    expect(run.result).toEqual({
      accountId: "acct-311",
      status: "delivered",
      downloadUrl: "https://exports.example.com/exp-acct-311.zip",
      checks: 4,
    });
    expect(pollDelays(run)).toEqual([30, 60, 120]);
    expect(run.elapsedMs).toBe((30 + 60 + 120) * 1_000);
    // Suspended between checks: one invocation per check.
    expect(run.invocations.map((invocation) => invocation.outcome)).toEqual([
      "PENDING",
      "PENDING",
      "PENDING",
      "SUCCEEDED",
    ]);
  });

  it("passes each check the state the previous one returned", async () => {
    const run = await runDurable(handler, { input: request({ readyOnCheck: 3 }) });

    expect(run.logs.map((log) => log.message)).toEqual([
      "check 1 of export exp-acct-311",
      "check 2 of export exp-acct-311",
      "check 3 of export exp-acct-311",
    ]);
    expect(JSON.parse(run.getOperation("export-ready").StepDetails?.Result ?? "null")).toEqual({
      exportId: "exp-acct-311",
      status: "READY",
      downloadUrl: "https://exports.example.com/exp-acct-311.zip",
      checks: 3,
    });
  });

  it("gives up after the eighth check and cancels the export", async () => {
    const run = await runDurable(handler, { input: request({}) });
    console.log(run.timeline);

    expect(run.result).toEqual({
      accountId: "acct-311",
      status: "abandoned",
      reason: "waitForCondition gave up after 8 checks: the condition never held.",
    });
    expect(pollDelays(run)).toEqual([30, 60, 120, 240, 300, 300, 300]);
    expect(run.getOperation("export-ready").StepDetails?.Attempt).toBe(8);
    expect(run.getOperation("cancel-export").Status).toBe("SUCCEEDED");
  });

  it("stops at once, without another check, when a check throws", async () => {
    const run = await runDurable(handler, { input: request({ readyOnCheck: 5, failsOnCheck: 2 }) });

    expect(run.result).toEqual({
      accountId: "acct-311",
      status: "abandoned",
      reason: "export exp-acct-311 not found (HTTP 404)",
    });
    expect(run.getOperation("export-ready").StepDetails?.Attempt).toBe(2);
    expect(run.getOperation("export-ready").StepDetails?.Error).toMatchObject({
      ErrorType: "ExportApiError",
    });
    expect(run.elapsedMs).toBe(30_000);
  });

  it.each([
    ["a delivered export", { readyOnCheck: 4 }],
    ["an export that never finishes", {}],
    ["a check that throws", { failsOnCheck: 2 }],
  ])("finishes the same way after a crash at any checkpoint: %s", async (_, exportApi) => {
    await checkReplay(handler, { input: request(exportApi) });
  });

  it("still replays every execution it has recorded (histories/)", async () => {
    await expectReplays(handler, fileURLToPath(new URL("../histories", import.meta.url)));
  });
});
