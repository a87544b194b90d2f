import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

export interface Order {
  orderId: string;
  items: string[];
}

/**
 * Version 1 of the order workflow, as it was deployed first. Its first step records which version
 * of the code started the execution: a version marker, put in before any change was needed.
 */
export const handler = withDurableExecution(async (order: Order, context: DurableContext) => {
  await context.step("code-version", () => 1);
  const held = await context.step("reserve-stock", () => order.items.map((sku) => `held:${sku}`));
  await context.wait("cooling-off", { days: 1 });
  const shipment = await context.step("ship", () => `shipment-${order.orderId}`);
  return { orderId: order.orderId, held, shipment };
});
