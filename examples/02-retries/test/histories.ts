import { type Recordings, runDurable, startDurable } from "@durable-examples/testing";
import { handler } from "../src/handler.js";

const input = { orderId: "order-1001", amountCents: 4999, gateway: { timeoutsBeforeSuccess: 2 } };

/**
 * The executions this example keeps in histories/, which its tests replay so that a change to
 * the handler that would break executions already running fails there. `pnpm record-histories`
 * records them again.
 */
export const recordings: Recordings = {
  "waiting-for-retry": () => startDurable(handler, { input }).toHistory(),
  finished: async () => (await runDurable(handler, { input })).toHistory(),
};
