import {
  ChildContextError,
  type DurableContext,
  retryPresets,
  StepError,
  withDurableExecution,
  withRetry,
} from "@durable-examples/runtime";
import { causeName, retryByType, retryMissedPickup } from "./retry-by-type.js";
import { confirmPickup, reserveStock, type ShipmentRequest } from "./warehouse.js";

export type { ShipmentRequest } from "./warehouse.js";

/** What a caught error looks like to the code that caught it: the same on every invocation. */
export interface CaughtError {
  name: string;
  message: string;
  cause: string | undefined;
}

export type ShipmentResult =
  | { status: "shipped"; reservation: string; parcel: string }
  | { status: "rejected"; reason: "out-of-stock" | "no-pickup"; error: CaughtError };

function rejected(reason: "out-of-stock" | "no-pickup", error: Error): ShipmentResult {
  return {
    status: "rejected",
    reason,
    error: { name: error.name, message: error.message, cause: causeName(error) },
  };
}

/** One pickup attempt: book the courier, give them two hours, check the parcel left. */
async function pickUp(ctx: DurableContext, order: ShipmentRequest, attempt: number) {
  await ctx.step("book-courier", () => `pickup-${order.orderId}-${attempt}`);
  await ctx.wait("wait-for-courier", { hours: 2 });
  return ctx.step("confirm-pickup", () => confirmPickup(order, attempt), {
    retryStrategy: retryPresets.noRetry,
  });
}

/**
 * Reserves stock and has a courier pick the parcel up. Each failure is handled by what it means:
 * the step's strategy retries what can succeed later and nothing else; out of stock becomes an
 * answer; a pickup the courier missed books another one, waits included (`withRetry`); a bug
 * fails the execution at once, with its name and message in the execution's error.
 */
export const handler = withDurableExecution(
  async (order: ShipmentRequest, context: DurableContext): Promise<ShipmentResult> => {
    let reservation: string;
    try {
      reservation = await context.step(
        "reserve-stock",
        ({ attempt }) => reserveStock(order, attempt),
        { retryStrategy: retryByType },
      );
    } catch (error) {
      if (error instanceof StepError && causeName(error) === "OutOfStockError") {
        return rejected("out-of-stock", error);
      }
      throw error;
    }

    try {
      const parcel = await withRetry(context, "pickup", (ctx, n) => pickUp(ctx, order, n), {
        retryStrategy: retryMissedPickup,
      });
      return { status: "shipped", reservation, parcel };
    } catch (error) {
      if (!(error instanceof ChildContextError)) throw error;
      await context.step("release-stock", () => `released ${reservation}`);
      return rejected("no-pickup", error);
    }
  },
);
