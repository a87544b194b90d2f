/** An order as the API and the queue accept it. */
export interface Order {
  orderId: string;
  items: { sku: string; quantity: number }[];
}

/** A request the triggers refuse: the message says what was wrong and what is allowed. */
export class OrderError extends Error {
  override readonly name = "OrderError";
}

/** Prices in cents: a fixed catalog, so pricing is plain code that replays the same way. */
export const CATALOG: Readonly<Record<string, number>> = { "sku-tea": 450, "sku-mug": 1250 };

/** The order in `value`, checked; throws {@link OrderError} naming the first problem. */
export function readOrder(value: unknown): Order {
  const order = value as Partial<Order> | null;
  if (typeof order !== "object" || order === null) {
    throw new OrderError(`An order must be a JSON object, got ${JSON.stringify(value)}.`);
  }
  // It names the execution (DurableExecutionName allows [a-zA-Z0-9-_]{1,64}).
  if (typeof order.orderId !== "string" || !/^[a-zA-Z0-9_-]{1,50}$/.test(order.orderId)) {
    throw new OrderError(
      `orderId must be 1 to 50 letters, digits, - or _, got ${JSON.stringify(order.orderId)}.`,
    );
  }
  if (!Array.isArray(order.items) || order.items.length === 0) {
    throw new OrderError(`items must be a non-empty list, got ${JSON.stringify(order.items)}.`);
  }
  for (const [index, item] of order.items.entries()) {
    if (typeof item?.sku !== "string" || !Number.isInteger(item.quantity) || item.quantity < 1) {
      throw new OrderError(
        `items[${index}] must be { sku: string, quantity: a whole number from 1 }, got ${JSON.stringify(item)}.`,
      );
    }
  }
  return { orderId: order.orderId, items: order.items };
}

/** The order in JSON text (a request or message body), checked as {@link readOrder} does. */
export function parseOrder(text: string, what: string): Order {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new OrderError(`${what} must be a JSON order, got ${JSON.stringify(text.slice(0, 80))}.`);
  }
  return readOrder(value);
}

/** The order's total; throws {@link OrderError} for a SKU the catalog does not sell. */
export function priceOf(order: Order): number {
  let total = 0;
  for (const { sku, quantity } of order.items) {
    const price = CATALOG[sku];
    if (price === undefined) {
      throw new OrderError(
        `Unknown SKU "${sku}": the catalog sells ${Object.keys(CATALOG).join(", ")}.`,
      );
    }
    total += price * quantity;
  }
  return total;
}
