import { type Recordings, runDurable, startDurable } from "@durable-examples/testing";
import { handler, type ShipmentRequest } from "../src/handler.js";

const order = { orderId: "order-17", sku: "mug-blue", quantity: 2 };
const input = (simulate: ShipmentRequest["simulate"] = {}) => ({ input: { ...order, simulate } });

/**
 * The executions this example keeps in histories/, which its tests replay so that a change to
 * the handler that would break executions already running fails there. `pnpm record-histories`
 * records them again.
 */
export const recordings: Recordings = {
  "retrying-busy-warehouse": () => startDurable(handler, input({ busyAttempts: 1 })).toHistory(),
  "waiting-after-missed-pickup": async () => {
    const execution = startDurable(handler, input({ missedPickups: 1 }));
    await execution.advance({ hours: 2 });
    return execution.toHistory();
  },
  shipped: async () => (await runDurable(handler, input({ missedPickups: 1 }))).toHistory(),
  "out-of-stock": async () => (await runDurable(handler, input({ outOfStock: true }))).toHistory(),
  "no-pickup": async () => (await runDurable(handler, input({ missedPickups: 3 }))).toHistory(),
};
