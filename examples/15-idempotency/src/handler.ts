import {
  type DurableContext,
  StepSemantics,
  withDurableExecution,
} from "@durable-examples/runtime";
import { payments } from "./payments.js";

export interface Order {
  orderId: string;
  amountCents: number;
}

/**
 * Charges an order once, whatever dies when. A step's body runs again when the invocation running
 * it dies before its result is checkpointed; the idempotency key, derived from the order, makes
 * the provider answer a repeat with the first charge. `AtMostOncePerRetry` keeps a crashed
 * attempt from running again at once: the retry strategy decides, after its delay.
 */
export const handler = withDurableExecution(async (order: Order, context: DurableContext) => {
  const charge = await context.step(
    "charge-card",
    () =>
      payments.charge({
        amountCents: order.amountCents,
        idempotencyKey: `charge-${order.orderId}`,
      }),
    { semantics: StepSemantics.AtMostOncePerRetry },
  );
  const receipt = await context.step("send-receipt", () => `receipt for ${charge.id}`);
  return { orderId: order.orderId, chargeId: charge.id, receipt };
});
