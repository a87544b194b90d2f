import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";
import type { Order } from "./v1.js";

/**
 * A tempting version 2: stock now comes from the warehouse service, under a new step name, and a
 * receipt goes out at the end. The receipt is safe; the renamed step is not: an execution that
 * was waiting out its cooling-off period finds "reserve-stock" at position 2 of its history, where
 * this code asks for "reserve-from-warehouse", and fails on its next invocation.
 */
export const handler = withDurableExecution(async (order: Order, context: DurableContext) => {
  await context.step("code-version", () => 2);
  const held = await context.step("reserve-from-warehouse", () =>
    order.items.map((sku) => `warehouse:${sku}`),
  );
  await context.wait("cooling-off", { days: 1 });
  const shipment = await context.step("ship", () => `shipment-${order.orderId}`);
  await context.step("send-receipt", () => `receipt-${order.orderId}`);
  return { orderId: order.orderId, held, shipment };
});
