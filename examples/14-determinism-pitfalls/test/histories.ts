import { type Recordings, runDurable, startDurable } from "@durable-examples/testing";
import { handler, type Order } from "../src/handler.js";

const input: Order = {
  orderId: "order-14",
  items: [{ sku: "mug", priceCents: 1250, quantity: 3 }],
  discountEndsAt: "2099-01-01T00:00:00Z",
};

/**
 * The executions this example keeps in histories/, which its tests replay so that a change to
 * the handler that would break executions already running fails there. `pnpm record-histories`
 * records them again.
 */
export const recordings: Recordings = {
  "cooling-off": () => startDurable(handler, { input }).toHistory(),
  invoiced: async () => (await runDurable(handler, { input })).toHistory(),
};
