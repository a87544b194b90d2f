import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";
import type { Order } from "./v1.js";

export type { Order };

/** The version of this code; recorded once, by the first step of each execution. */
const CODE_VERSION = 2;

/**
 * Version 2, safe for executions started on version 1. The first step returns the version that
 * started the execution: on replay, its recorded value. Executions started on version 1 keep the
 * old path (the same operations, in the same order, under the same names) and new ones take the
 * new path. The receipt is new work after everything version 1 recorded, so both paths send it.
 */
export const handler = withDurableExecution(async (order: Order, context: DurableContext) => {
  const startedOn = await context.step("code-version", () => CODE_VERSION);
  const held =
    startedOn === 1
      ? await context.step("reserve-stock", () => order.items.map((sku) => `held:${sku}`))
      : await context.step("reserve-from-warehouse", () =>
          order.items.map((sku) => `warehouse:${sku}`),
        );
  await context.wait("cooling-off", { days: 1 });
  const shipment = await context.step("ship", () => `shipment-${order.orderId}`);
  await context.step("send-receipt", () => `receipt-${order.orderId}`);
  return { orderId: order.orderId, held, shipment };
});
