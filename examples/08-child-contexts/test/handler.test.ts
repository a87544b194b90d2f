import { fileURLToPath } from "node:url";
import { checkReplay, expectReplays, runDurable } from "@durable-examples/testing";
import { describe, expect, it } from "vitest";
import { type FulfilmentRequest, handler } from "../src/handler.js";

const order = (lines: FulfilmentRequest["lines"]): FulfilmentRequest => ({
  orderId: "order-8001",
  lines,
  postcode: "98101",
});
const inStock = order([
  { sku: "kettle", quantity: 1 },
  { sku: "mug", quantity: 4 },
]);
const soldOut = order([{ sku: "teapot", quantity: 1 }]);

const INVENTORY_OPERATIONS = ["check-stock", "hold-items", "warehouse-sync", "confirm-hold"];
const SHIPPING_OPERATIONS = ["request-quotes", "quote-window", "choose-carrier", "book-pickup"];

describe("08-child-contexts", () => {
  it("reserves inventory and arranges shipping at the same time, then confirms", async () => {
    const run = await runDurable(handler, { input: inStock });
    console.log(run.timeline);

    expect(run.status).toBe("SUCCEEDED");
    expect(run.result).toEqual({
      status: "ready-to-ship",
      orderId: "order-8001",
      reservation: { holdId: "hold-order-8001", warehouse: "wh-seattle" },
      shipment: { carrier: "parcelco", pickupId: "parcelco-98101" },
    });
    // The two waits ran side by side: 15 minutes in all, not 5 + 15.
    expect(run.elapsedMs).toBe(15 * 60_000);
    expect(run.invocations.map((invocation) => invocation.outcome)).toEqual([
      "PENDING",
      "PENDING",
      "SUCCEEDED",
    ]);
  });

  it("records each group as one CONTEXT operation with its own result", async () => {
    const run = await runDurable(handler, { input: inStock });

    const groups = run.operations
      .filter((op) => op.Type === "CONTEXT")
      .map((op) => [op.Name, op.SubType, op.Status, op.ContextDetails?.Result]);
    expect(groups).toEqual([
      [
        "reserve-inventory",
        "RunInChildContext",
        "SUCCEEDED",
        '{"holdId":"hold-order-8001","warehouse":"wh-seattle"}',
      ],
      [
        "arrange-shipping",
        "RunInChildContext",
        "SUCCEEDED",
        '{"carrier":"parcelco","pickupId":"parcelco-98101"}',
      ],
    ]);
  });

  it("records every operation of a group with the group's id as its ParentId", async () => {
    const run = await runDurable(handler, { input: inStock });

    const inventoryId = run.getOperation("reserve-inventory").Id;
    const shippingId = run.getOperation("arrange-shipping").Id;
    const childrenOf = (parentId: string | undefined) =>
      run.history
        .filter((event) => /^(Step|Wait|Context)Started$/.test(event.EventType ?? ""))
        .filter((event) => event.ParentId === parentId)
        .map((event) => event.Name);
    expect(childrenOf(inventoryId)).toEqual(INVENTORY_OPERATIONS);
    expect(childrenOf(shippingId)).toEqual(SHIPPING_OPERATIONS);
    // The groups and the last step belong to the execution itself: no ParentId.
    expect(childrenOf(undefined)).toEqual([
      "reserve-inventory",
      "arrange-shipping",
      "send-confirmation",
    ]);
  });

  it("runs each step once, though both groups replay on every invocation", async () => {
    const run = await runDurable(handler, { input: inStock });

    const starts = run.history
      .filter((event) => event.EventType === "StepStarted")
      .map((event) => event.Name)
      .sort();
    expect(starts).toEqual([
      "book-pickup",
      "check-stock",
      "choose-carrier",
      "confirm-hold",
      "hold-items",
      "request-quotes",
      "send-confirmation",
    ]);
  });

  it("cancels the order when a group fails, catching one ChildContextError for the group", async () => {
    const run = await runDurable(handler, { input: soldOut });
    console.log(run.timeline);

    expect(run.status).toBe("SUCCEEDED");
    expect(run.result).toEqual({
      status: "cancelled",
      orderId: "order-8001",
      reason: "teapot: 1 ordered, 0 on hand",
    });
    const inventory = run.getOperation("reserve-inventory");
    expect(inventory.Status).toBe("FAILED");
    // The group's error is what it threw: the StepError of its check-stock step.
    expect(inventory.ContextDetails?.Error).toEqual({
      ErrorType: "StepError",
      ErrorMessage: "teapot: 1 ordered, 0 on hand",
    });
    expect(run.getOperation("check-stock").ParentId).toBe(inventory.Id);
    expect(run.getOperation("notify-cancellation").Status).toBe("SUCCEEDED");
  });

  it("leaves the other group unfinished: Promise.all does not stop it", async () => {
    const run = await runDurable(handler, { input: soldOut });

    // Shipping asked for quotes and started its wait; the execution ended before the wait did,
    // so no carrier was chosen and no pickup booked.
    expect(run.getOperation("arrange-shipping").Status).toBe("STARTED");
    expect(run.getOperation("quote-window").Status).toBe("STARTED");
    expect(run.operations.find((op) => op.Name === "book-pickup")).toBeUndefined();
    expect(run.invocations).toHaveLength(1);
  });

  it("fails the execution, with nothing checkpointed, when the order has no lines", async () => {
    const run = await runDurable(handler, { input: order([]) });

    expect(run.status).toBe("FAILED");
    expect(run.error).toEqual({
      ErrorType: "TypeError",
      ErrorMessage:
        'Input needs a non-empty "lines" array, got {"orderId":"order-8001","lines":[],"postcode":"98101"}.',
    });
    expect(run.operations).toHaveLength(1);
  });

  it.each([
    ["an order in stock", inStock],
    ["an order out of stock", soldOut],
  ])("finishes the same way after a crash at any checkpoint: %s", async (_, input) => {
    const report = await checkReplay(handler, { input });

    expect(report.crashPoints).toBeGreaterThan(0);
  });

  it("still replays every execution it has recorded (histories/)", async () => {
    await expectReplays(handler, fileURLToPath(new URL("../histories", import.meta.url)));
  });
});
