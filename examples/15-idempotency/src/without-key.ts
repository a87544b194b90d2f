import {
  type DurableContext,
  retryPresets,
  type StepConfig,
  StepSemantics,
  withDurableExecution,
} from "@durable-examples/runtime";
import type { Order } from "./handler.js";
import type { Charge } from "./payments.js";
import { payments } from "./payments.js";

/** The charge without an idempotency key, under the step options given. */
function chargeWithoutKey(options: StepConfig<Charge>) {
  return withDurableExecution(async (order: Order, context: DurableContext) => {
    const charge = await context.step(
      "charge-card",
      () => payments.charge({ amountCents: order.amountCents }),
      options,
    );
    return { orderId: order.orderId, chargeId: charge.id };
  });
}

/** Wrong: the default, at least once. After a crash, the body runs again and charges again. */
export const atLeastOnce = chargeWithoutKey({});

/** Still wrong: at most once per attempt, but the retry is a new attempt, and charges again. */
export const atMostOncePerRetry = chargeWithoutKey({ semantics: StepSemantics.AtMostOncePerRetry });

/** Never twice, but a crash fails the order: for a call you would rather fail than repeat. */
export const atMostOnce = chargeWithoutKey({
  semantics: StepSemantics.AtMostOncePerRetry,
  retryStrategy: retryPresets.noRetry,
});
