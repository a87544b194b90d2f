import type { DurableContext } from "@durable-examples/runtime";

export interface OrderRequest {
  orderId: string;
  items: number;
  /** How many times the warehouse is busy before it reserves, so a retry can be seen. */
  busyAttempts?: number;
}

export interface OrderResult {
  orderId: string;
  reservation: string;
  label: string;
}

/**
 * Reserves the stock, lets the order cool off for an hour (so it can still be cancelled), and
 * prints the label, logging as it goes. Every line is one object with a `message`, so each field
 * stays a field, whichever logger writes it. `log` is the handler's logger: `context.logger`
 * unless a pitfall shows another.
 */
export async function fulfilOrder(
  order: OrderRequest,
  context: DurableContext,
  log: DurableContext["logger"] = context.logger,
): Promise<OrderResult> {
  log.info({ message: "order received", orderId: order.orderId, items: order.items });
  const reservation = await context.step(
    "reserve-stock",
    ({ logger, attempt }) => {
      logger.info({ message: "reserving stock", orderId: order.orderId });
      if (attempt <= (order.busyAttempts ?? 0)) throw new Error("warehouse busy");
      return `res-${order.orderId}`;
    },
    { retryStrategy: (_error, attempt) => ({ shouldRetry: attempt < 3, delay: { seconds: 5 } }) },
  );
  await context.wait("cool-off", { hours: 1 });
  const label = await context.step("print-label", ({ logger }) => {
    const label = `label-${order.orderId}`;
    logger.info({ message: "label printed", orderId: order.orderId, label });
    return label;
  });
  log.info({ message: "order fulfilled", orderId: order.orderId, reservation, label });
  return { orderId: order.orderId, reservation, label };
}
