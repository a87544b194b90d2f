import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

export interface Order {
  orderId: string;
  items: { sku: string; priceCents: number; quantity: number }[];
  /** When the launch discount ends, as an ISO date. */
  discountEndsAt: string;
}

/**
 * An order written with the fixes of src/pitfalls.ts: the clock and the random draw are read in
 * steps, and the total is a step's result, so every replay takes the path the first run took.
 */
export const handler = withDurableExecution(async (order: Order, context: DurableContext) => {
  const discounted = await context.step(
    "check-discount",
    () => Date.now() < Date.parse(order.discountEndsAt),
  );
  const totalCents = await context.step("price-order", () => {
    const full = order.items.reduce((sum, item) => sum + item.priceCents * item.quantity, 0);
    return discounted ? Math.round(full * 0.9) : full;
  });
  const variant = await context.step("pick-email-variant", () => (Math.random() < 0.5 ? "a" : "b"));
  await context.step(`send-confirmation-${variant}`, () => ({ to: order.orderId, variant }));
  await context.wait("cooling-off", { hours: 24 });
  const invoice = await context.step("send-invoice", () => ({
    orderId: order.orderId,
    totalCents,
  }));
  return { ...invoice, discounted, variant };
});
