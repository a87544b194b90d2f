import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";
import { inventory } from "./inventory.js";
import { priceOf, readOrder } from "./order.js";

export interface Confirmation {
  orderId: string;
  totalCents: number;
  reservation: string;
  confirmation: string;
}

/**
 * The workflow every trigger starts: reserve the stock, give the payment ten seconds to settle,
 * confirm. Short enough to answer a synchronous invoke from behind an API (API Gateway gives up
 * after 30 seconds); started asynchronously it could wait for days.
 */
export const orderFlow = withDurableExecution(
  async (input: unknown, context: DurableContext): Promise<Confirmation> => {
    const order = readOrder(input);
    const totalCents = priceOf(order);
    const reservation = await context.step("reserve-stock", () => inventory.reserve(order));
    await context.wait("payment-settles", { seconds: 10 });
    const confirmation = await context.step("confirm-order", () => `conf-${order.orderId}`);
    return { orderId: order.orderId, totalCents, reservation, confirmation };
  },
);
