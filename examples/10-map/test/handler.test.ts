import { fileURLToPath } from "node:url";
import { checkReplay, expectReplays, runDurable } from "@durable-examples/testing";
import { describe, expect, it } from "vitest";
import { type CampaignRequest, handler } from "../src/handler.js";

const campaign = (bouncing: string[] = []): CampaignRequest => ({
  campaignId: "plan-change-2025",
  customerCount: 50,
  ...(bouncing.length === 0 ? {} : { bouncing }),
});
const ids = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `cus-${String(from + i).padStart(3, "0")}`);

/** A few bad addresses: 3 of 50 is 6%, within the 10% tolerated. */
const FEW_BOUNCES = ["cus-007", "cus-023", "cus-041"];
/** A bad import: a block of eight dead addresses, more than 10% of the audience. */
const MANY_BOUNCES = ids(3, 10);

describe("10-map", () => {
  it("notifies all fifty customers", async () => {
    const run = await runDurable(handler, { input: campaign() });
    console.log(run.timeline);

    expect(run.status).toBe("SUCCEEDED");
    expect(run.result).toEqual({
      status: "sent",
      campaignId: "plan-change-2025",
      sent: 50,
      suppressed: [],
    });
    const map = run.getOperation("notify-customers");
    expect(map.SubType).toBe("Map");
    expect(JSON.parse(map.ContextDetails?.Result ?? "")).toMatchObject({
      completionReason: "ALL_COMPLETED",
    });
    // batch.status is SUCCEEDED, so nothing is suppressed.
    expect(run.operations.find((op) => op.Name === "suppress-bounced")).toBeUndefined();
  });

  it("names each item after its customer and records its email under it", async () => {
    const run = await runDurable(handler, { input: campaign() });

    const items = run.operations.filter((op) => op.SubType === "MapIteration");
    expect(items.map((op) => op.Name)).toEqual(ids(1, 50).map((id) => `notify-${id}`));
    const item = run.getOperation("notify-cus-017");
    const email = run.operations.find((op) => op.ParentId === item.Id);
    expect([email?.Name, email?.StepDetails?.Result]).toEqual([
      "send-email",
      '"msg-plan-change-2025-cus-017"',
    ]);
  });

  it("never has more than five emails in flight", async () => {
    const run = await runDurable(handler, { input: campaign() });

    let inFlight = 0;
    let most = 0;
    for (const event of run.history) {
      if (event.SubType !== "MapIteration") continue;
      if (event.EventType === "ContextStarted") inFlight += 1;
      if (event.EventType === "ContextSucceeded" || event.EventType === "ContextFailed") {
        inFlight -= 1;
      }
      most = Math.max(most, inFlight);
    }
    expect(most).toBe(5);
  });

  it("tolerates a few bounces: the map is FAILED but ALL_COMPLETED, and the bounced are suppressed", async () => {
    const run = await runDurable(handler, { input: campaign(FEW_BOUNCES) });

    expect(run.status).toBe("SUCCEEDED");
    expect(run.result).toEqual({
      status: "sent",
      campaignId: "plan-change-2025",
      sent: 47,
      suppressed: FEW_BOUNCES,
    });
    const stored = JSON.parse(run.getOperation("notify-customers").ContextDetails?.Result ?? "");
    expect(stored.completionReason).toBe("ALL_COMPLETED");
    expect(stored.all).toHaveLength(50);
    expect(run.getOperation("notify-cus-023").ContextDetails?.Error).toEqual({
      ErrorType: "StepError",
      ErrorMessage: "cus-023@example.com: mailbox unavailable",
    });
    // Run only because batch.status is FAILED: a failed item makes the whole batch FAILED.
    expect(run.getOperation("suppress-bounced").StepDetails?.Result).toBe("3");
  });

  it("halts once more than 10% bounce, and starts no more emails", async () => {
    const run = await runDurable(handler, { input: campaign(MANY_BOUNCES) });
    console.log(run.timeline);

    expect(run.status).toBe("SUCCEEDED");
    // The sixth failure is one more than 10% of 50 allows: the map completes there.
    expect(run.result).toMatchObject({
      status: "halted",
      sent: 2,
      failed: ids(3, 8),
    });
    const stored = JSON.parse(run.getOperation("notify-customers").ContextDetails?.Result ?? "");
    expect(stored.completionReason).toBe("FAILURE_TOLERANCE_EXCEEDED");
    // Only the items started before the map completed exist; the rest were never started.
    const started = run.operations.filter((op) => op.SubType === "MapIteration").length;
    expect(started).toBeLessThan(20);
    expect((run.result as { notStarted: number }).notStarted).toBe(50 - started);
    expect(run.operations.find((op) => op.Name === "notify-cus-020")).toBeUndefined();
    expect(run.getOperation("alert-marketing").Status).toBe("SUCCEEDED");
  });

  it.each([
    ["all sent", campaign()],
    ["a few bounces", campaign(FEW_BOUNCES)],
    ["too many bounces", campaign(MANY_BOUNCES)],
  ])("finishes the same way after a crash at any checkpoint: %s", async (_, input) => {
    const report = await checkReplay(handler, { input });

    expect(report.crashPoints).toBeGreaterThan(0);
  });

  it("still replays every execution it has recorded (histories/)", async () => {
    await expectReplays(handler, fileURLToPath(new URL("../histories", import.meta.url)));
  });
});
