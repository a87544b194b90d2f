import { fileURLToPath } from "node:url";
import { checkReplay, expectReplays, runDurable } from "@durable-examples/testing";
import { describe, expect, it } from "vitest";
import { handler, type Order } from "../src/handler.js";
import { paymentsHandler } from "../src/payments.js";
import { taxHandler } from "../src/tax.js";

// The functions the workflow invokes, by function name: "payments:live" resolves to "payments".
const functions = {
  payments: paymentsHandler,
  "tax-calculator": { handler: taxHandler, durable: false },
};

const order = (overrides: Partial<Order> = {}): Order => ({
  orderId: "order-7001",
  customerId: "cus-42",
  region: "WA",
  paymentMethod: "card-4242",
  lines: [
    { sku: "kettle", priceCents: 3999, quantity: 1 },
    { sku: "mug", priceCents: 1250, quantity: 2 },
  ],
  ...overrides,
});

describe("07-invoke", () => {
  it("prices the order, gets the tax, has the payments function charge it, and confirms", async () => {
    const run = await runDurable(handler, { input: order(), functions });
    console.log(run.timeline);

    expect(run.status).toBe("SUCCEEDED");
    // 3999 + 2 × 1250 = 6499; 6.5 % tax on it is 422.
    expect(run.result).toEqual({
      status: "confirmed",
      orderId: "order-7001",
      totalCents: 6921,
      taxCents: 422,
      paymentId: "pay-order-7001",
    });
    // Each invoke ends the invocation; the service re-invokes the workflow when the callee answers.
    expect(run.invocations.map((invocation) => invocation.outcome)).toEqual([
      "PENDING",
      "PENDING",
      "SUCCEEDED",
    ]);
  });

  it("records whom it invoked, with what, and what each callee returned", async () => {
    const run = await runDurable(handler, { input: order(), functions });

    const started = run.history
      .filter((event) => event.EventType === "ChainedInvokeStarted")
      .map((event) => [event.Name, event.ChainedInvokeStartedDetails?.FunctionName]);
    expect(started).toEqual([
      ["calculate-tax", "tax-calculator"],
      ["charge-payment", "payments:live"],
    ]);
    expect(run.getOperation("calculate-tax").ChainedInvokeDetails?.Result).toBe(
      '{"region":"WA","ratePercent":6.5,"taxCents":422}',
    );
    expect(run.getOperation("charge-payment").ChainedInvokeDetails?.Result).toBe(
      '{"paymentId":"pay-order-7001","amountCents":6921,"status":"captured"}',
    );
  });

  it("starts a durable execution of its own for the durable callee, and none for the plain one", async () => {
    const run = await runDurable(handler, { input: order(), functions });

    const childArn = (name: string) =>
      run.history.find((event) => event.EventType === "ChainedInvokeStarted" && event.Name === name)
        ?.ChainedInvokeStartedDetails?.DurableExecutionArn;
    expect(childArn("charge-payment")).toMatch(/:function:payments:.*\/durable-execution\//);
    expect(childArn("calculate-tax")).toBeUndefined();
  });

  it("authorizes, then captures, when the payments function runs on its own", async () => {
    const run = await runDurable(paymentsHandler, {
      input: { orderId: "order-7001", amountCents: 6921, paymentMethod: "card-4242" },
    });

    expect(run.result).toEqual({
      paymentId: "pay-order-7001",
      amountCents: 6921,
      status: "captured",
    });
    expect(run.operations.slice(1).map((op) => [op.Name, op.Status])).toEqual([
      ["authorize", "SUCCEEDED"],
      ["capture", "SUCCEEDED"],
    ]);
  });

  it("catches the InvokeError and releases the stock when the payments function declines the card", async () => {
    const run = await runDurable(handler, {
      input: order({ paymentMethod: "card-0002" }),
      functions,
    });
    console.log(run.timeline);

    expect(run.status).toBe("SUCCEEDED");
    expect(run.result).toEqual({
      status: "payment-failed",
      orderId: "order-7001",
      totalCents: 6921,
      reason: "PaymentDeclinedError: card-0002 was declined by the issuer",
    });
    expect(run.getOperation("charge-payment").Status).toBe("FAILED");
    expect(run.getOperation("charge-payment").ChainedInvokeDetails?.Error).toEqual({
      ErrorType: "PaymentDeclinedError",
      ErrorMessage: "card-0002 was declined by the issuer",
    });
    expect(run.getOperation("release-stock").Status).toBe("SUCCEEDED");
    expect(run.operations.find((op) => op.Name === "confirm-order")).toBeUndefined();
  });

  it("fails the order with the InvokeError when the tax calculator rejects the region", async () => {
    const run = await runDurable(handler, { input: order({ region: "XX" }), functions });

    expect(run.status).toBe("FAILED");
    expect(run.error).toEqual({
      ErrorType: "InvokeError",
      ErrorMessage: 'No tax rate for region "XX": supported regions are WA, OR, CA, NY.',
    });
    expect(run.getOperation("calculate-tax").ChainedInvokeDetails?.Error?.ErrorType).toBe(
      "UnsupportedRegionError",
    );
    // The payments function is never called, so nobody is charged.
    expect(run.operations.find((op) => op.Name === "charge-payment")).toBeUndefined();
  });

  it("fails the invoke when the called function does not exist", async () => {
    const run = await runDurable(handler, {
      input: order(),
      functions: { payments: paymentsHandler },
    });

    expect(run.status).toBe("FAILED");
    expect(run.error?.ErrorType).toBe("InvokeError");
    expect(run.getOperation("calculate-tax").ChainedInvokeDetails?.Error?.ErrorType).toBe(
      "ResourceNotFoundException",
    );
  });

  it.each([
    ["a confirmed order", order()],
    ["a declined card", order({ paymentMethod: "card-0002" })],
    ["an unsupported region", order({ region: "XX" })],
  ])("finishes the same way after a crash at any checkpoint: %s", async (_, input) => {
    const report = await checkReplay(handler, { input, functions });

    expect(report.crashPoints).toBeGreaterThan(0);
  });

  it("still replays every execution it has recorded (histories/)", async () => {
    await expectReplays(handler, fileURLToPath(new URL("../histories", import.meta.url)), {
      functions,
    });
  });
});
