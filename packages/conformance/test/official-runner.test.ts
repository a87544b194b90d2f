/**
 * Our handlers, with our runtime unchanged, run under the official testing library
 * (`LocalDurableTestRunner`, protocol.md §9) and end exactly as under our harness.
 */
import {
  LocalDurableTestRunner,
  WaitingOperationStatus,
} from "@aws/durable-execution-sdk-js-testing";
import { runDurable } from "@durable-examples/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handler as approvalHandler } from "../../../examples/04-human-approval/src/handler.js";
import { handler as orderHandler } from "../../../examples/07-invoke/src/handler.js";
import { paymentsHandler } from "../../../examples/07-invoke/src/payments.js";
import { taxHandler } from "../../../examples/07-invoke/src/tax.js";
import { handler as notifyHandler } from "../../../examples/10-map/src/handler.js";

type OfficialHandler = ConstructorParameters<typeof LocalDurableTestRunner>[0]["handlerFunction"];

beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());

describe("our runtime under the official LocalDurableTestRunner", () => {
  it("gives the callback example the same result as our harness", async () => {
    const claim = {
      claimId: "exp-2291",
      employee: "ada@example.com",
      amountCents: 18_450,
      description: "Train tickets to the Lisbon offsite",
      approver: "grace@example.com",
    };
    const answer = { approvedBy: "grace@example.com" };

    const runner = new LocalDurableTestRunner({
      handlerFunction: approvalHandler as unknown as OfficialHandler,
    });
    const running = runner.run({ payload: claim });
    const approval = runner.getOperation("manager-approval");
    await approval.waitForData(WaitingOperationStatus.STARTED);
    await approval.sendCallbackSuccess(JSON.stringify(answer));
    const official = await running;

    const ours = await runDurable(approvalHandler, {
      input: claim,
      callbacks: [{ name: "manager-approval", succeed: answer }],
    });

    expect(official.getStatus()).toBe("SUCCEEDED");
    expect(official.getResult()).toEqual(ours.result);
    expect(ours.result).toMatchObject({ status: "approved", approvedBy: "grace@example.com" });
  });

  it("gives the map example the same result as our harness", async () => {
    const input = { campaignId: "plan-change-2025", customerCount: 12 };

    const runner = new LocalDurableTestRunner({
      handlerFunction: notifyHandler as unknown as OfficialHandler,
    });
    const official = await runner.run({ payload: input });
    const ours = await runDurable(notifyHandler, { input });

    expect(official.getStatus()).toBe(ours.status);
    expect(official.getResult()).toEqual(ours.result);
  });

  it("gives the invoke example the same result as our harness", async () => {
    const order = {
      orderId: "order-7001",
      customerId: "cus-42",
      region: "WA",
      paymentMethod: "card-4242",
      lines: [
        { sku: "kettle", priceCents: 3999, quantity: 1 },
        { sku: "mug", priceCents: 1250, quantity: 2 },
      ],
    };

    const runner = new LocalDurableTestRunner({
      handlerFunction: orderHandler as unknown as OfficialHandler,
    });
    runner.registerDurableFunction("payments:live", paymentsHandler as unknown as OfficialHandler);
    runner.registerFunction("tax-calculator", taxHandler as never);
    const official = await runner.run({ payload: order });
    const ours = await runDurable(orderHandler, {
      input: order,
      functions: {
        payments: paymentsHandler,
        "tax-calculator": { handler: taxHandler, durable: false },
      },
    });

    expect(official.getStatus()).toBe("SUCCEEDED");
    expect(official.getResult()).toEqual(ours.result);
  });
});
