import { fileURLToPath } from "node:url";
import {
  checkReplay,
  expectReplays,
  loadHistory,
  replayHistory,
  resumeHistory,
  runDurable,
} from "@durable-examples/testing";
import { describe, expect, it } from "vitest";
import { handler } from "../src/handler.js";
import { handler as unsafe } from "../src/v2-unsafe.js";

const order = { orderId: "order-9001", items: ["kettle", "mug"] };
const histories = fileURLToPath(new URL("../histories", import.meta.url));
/** An execution started on version 1, waiting out its cooling-off period when v2 ships. */
const v1InFlight = loadHistory(`${histories}/v1-cooling-off.json`);
const DAY_MS = 86_400_000;

describe("12-versioning", () => {
  it("takes the new path for an execution started on version 2", async () => {
    const run = await runDurable(handler, { input: order });
    console.log(run.timeline);

    expect(run.status).toBe("SUCCEEDED");
    expect(run.result).toEqual({
      orderId: "order-9001",
      held: ["warehouse:kettle", "warehouse:mug"],
      shipment: "shipment-order-9001",
    });
    expect(run.getOperation("send-receipt").Status).toBe("SUCCEEDED");
  });

  it("finishes an execution started on version 1 on its old path, and sends it a receipt", async () => {
    const run = await resumeHistory(handler, v1InFlight);
    console.log(run.timeline);

    expect(run.status).toBe("SUCCEEDED");
    expect(run.result).toEqual({
      orderId: "order-9001",
      held: ["held:kettle", "held:mug"],
      shipment: "shipment-order-9001",
    });
    expect(run.getOperation("send-receipt").Status).toBe("SUCCEEDED");
    expect(run.elapsedMs).toBe(DAY_MS);
  });

  it("accepts the versioned code for executions in flight on version 1", async () => {
    const verdict = await replayHistory(handler, v1InFlight);

    expect(verdict.compatible).toBe(true);
    expect(verdict.next).toEqual([
      'step "ship" (operation 4)',
      'step "send-receipt" (operation 5)',
    ]);
  });

  it("rejects the unsafe version 2, naming the renamed step", async () => {
    const verdict = await replayHistory(unsafe, v1InFlight);

    expect(verdict.compatible).toBe(false);
    expect(verdict.divergence).toEqual({
      position: "2",
      recorded: 'step "reserve-stock"',
      requested: 'step "reserve-from-warehouse"',
    });
    expect(verdict.message).toBe(
      'Not compatible: at operation 2 the history has step "reserve-stock", but the code asked for step "reserve-from-warehouse". Executions recorded before this change would fail on their next invocation: keep the old path for them (branch on a version recorded in a step), or let them finish on the version they started on.',
    );
  });

  it("still replays every execution it has recorded (histories/)", async () => {
    await expectReplays(handler, histories);
  });

  it("finishes the same way after a crash at any checkpoint", async () => {
    const report = await checkReplay(handler, { input: order });
    expect(report.crashPoints).toBeGreaterThan(0);
  });
});
