import { type DurableContext, InvokeError, withDurableExecution } from "@durable-examples/runtime";
import type { Payment, PaymentRequest } from "./payments.js";
import type { TaxQuote, TaxRequest } from "./tax.js";

// One bundle serves all three functions: deploy dist/function.zip with the handler
// index.handler (this workflow), index.paymentsHandler and index.taxHandler.
export { paymentsHandler } from "./payments.js";
export { taxHandler } from "./tax.js";

/**
 * The functions this workflow calls. A durable target is invoked by a qualified name (an alias
 * here), so an execution keeps talking to the code it started with; a plain function may be
 * unqualified. In Lambda these are function names or ARNs in the same account and region.
 */
export const PAYMENTS_FUNCTION = "payments:live";
export const TAX_FUNCTION = "tax-calculator";

export interface OrderLine {
  sku: string;
  priceCents: number;
  quantity: number;
}

export interface Order {
  orderId: string;
  customerId: string;
  region: string;
  paymentMethod: string;
  lines: OrderLine[];
}

export type OrderOutcome =
  | {
      status: "confirmed";
      orderId: string;
      totalCents: number;
      taxCents: number;
      paymentId: string;
    }
  | { status: "payment-failed"; orderId: string; totalCents: number; reason: string };

/**
 * Prices an order, asks the tax calculator for the tax, has the payments service charge the
 * total, and confirms the order. Each `context.invoke` ends the invocation until the callee
 * answers; its result is checkpointed, so neither function is called again on replay.
 */
export const handler = withDurableExecution(
  async (order: Order, context: DurableContext): Promise<OrderOutcome> => {
    const subtotalCents = await context.step("price-order", () =>
      order.lines.reduce((sum, line) => sum + line.priceCents * line.quantity, 0),
    );

    const tax = await context.invoke<TaxRequest, TaxQuote>("calculate-tax", TAX_FUNCTION, {
      region: order.region,
      subtotalCents,
    });
    const totalCents = subtotalCents + tax.taxCents;

    let payment: Payment;
    try {
      payment = await context.invoke<PaymentRequest, Payment>("charge-payment", PAYMENTS_FUNCTION, {
        orderId: order.orderId,
        amountCents: totalCents,
        paymentMethod: order.paymentMethod,
      });
    } catch (error) {
      // The payments execution failed. The same InvokeError arrives live and on every replay;
      // its cause is the callee's error, rebuilt with the callee's error name.
      if (!(error instanceof InvokeError)) throw error;
      const reason = `${error.cause instanceof Error ? error.cause.name : "Error"}: ${error.message}`;
      await context.step("release-stock", () => `released stock of ${order.orderId}`);
      return { status: "payment-failed", orderId: order.orderId, totalCents, reason };
    }

    await context.step("confirm-order", () => `confirmation sent to ${order.customerId}`);
    return {
      status: "confirmed",
      orderId: order.orderId,
      totalCents,
      taxCents: tax.taxCents,
      paymentId: payment.paymentId,
    };
  },
);
