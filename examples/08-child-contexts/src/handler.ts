import {
  ChildContextError,
  type DurableContext,
  retryPresets,
  withDurableExecution,
} from "@durable-examples/runtime";

export interface OrderLine {
  sku: string;
  quantity: number;
}

export interface FulfilmentRequest {
  orderId: string;
  lines: OrderLine[];
  postcode: string;
}

export interface Reservation {
  holdId: string;
  warehouse: string;
}

export interface Shipment {
  carrier: string;
  pickupId: string;
}

export type FulfilmentOutcome =
  | { status: "ready-to-ship"; orderId: string; reservation: Reservation; shipment: Shipment }
  | { status: "cancelled"; orderId: string; reason: string };

/** What the warehouse has on hand. A real handler would ask the inventory service. */
const STOCK: Record<string, number> = { kettle: 12, mug: 40, teapot: 0 };

export class OutOfStockError extends Error {
  override name = "OutOfStockError";
}

function checkStock(lines: OrderLine[]): string {
  for (const line of lines) {
    const onHand = STOCK[line.sku] ?? 0;
    if (onHand < line.quantity) {
      throw new OutOfStockError(`${line.sku}: ${line.quantity} ordered, ${onHand} on hand`);
    }
  }
  return "wh-seattle";
}

/**
 * Reserving the items: three steps and a wait, recorded as one CONTEXT operation. Every
 * operation inside is recorded with the group's id as its ParentId.
 */
async function reserveInventory(
  context: DurableContext,
  request: FulfilmentRequest,
): Promise<Reservation> {
  const warehouse = await context.step("check-stock", () => checkStock(request.lines), {
    retryStrategy: retryPresets.noRetry,
  });
  const holdId = await context.step("hold-items", () => `hold-${request.orderId}`);
  // The warehouse system picks up new holds every five minutes.
  await context.wait("warehouse-sync", { minutes: 5 });
  await context.step("confirm-hold", () => `${holdId} confirmed`);
  return { holdId, warehouse };
}

/** Arranging shipping: ask carriers for quotes, give them 15 minutes to answer, book the best. */
async function arrangeShipping(
  context: DurableContext,
  request: FulfilmentRequest,
): Promise<Shipment> {
  const requested = await context.step("request-quotes", () => ["parcelco", "swiftship"]);
  await context.wait("quote-window", { minutes: 15 });
  const carrier = await context.step("choose-carrier", () => requested[0]!);
  const pickupId = await context.step("book-pickup", () => `${carrier}-${request.postcode}`);
  return { carrier, pickupId };
}

/**
 * Fulfils an order: reserves inventory and arranges shipping at the same time, each group in a
 * child context of its own, then confirms. If a group fails, its error arrives as one
 * ChildContextError and the order is cancelled.
 */
export const handler = withDurableExecution(
  async (request: FulfilmentRequest, context: DurableContext): Promise<FulfilmentOutcome> => {
    if (!Array.isArray(request?.lines) || request.lines.length === 0) {
      throw new TypeError(`Input needs a non-empty "lines" array, got ${JSON.stringify(request)}.`);
    }

    try {
      const [reservation, shipment] = await Promise.all([
        context.runInChildContext("reserve-inventory", (child) => reserveInventory(child, request)),
        context.runInChildContext("arrange-shipping", (child) => arrangeShipping(child, request)),
      ]);
      await context.step("send-confirmation", () => `order ${request.orderId} confirmed`);
      return { status: "ready-to-ship", orderId: request.orderId, reservation, shipment };
    } catch (error) {
      // A group that throws fails as a whole: its CONTEXT is recorded FAILED, and the same
      // ChildContextError (cause: what the group threw) is thrown live and on every replay.
      if (!(error instanceof ChildContextError)) throw error;
      await context.step("notify-cancellation", () => `order ${request.orderId} cancelled`);
      return { status: "cancelled", orderId: request.orderId, reason: error.message };
    }
  },
);
