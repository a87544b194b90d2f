import { type Recordings, runDurable, startDurable } from "@durable-examples/testing";
import { handler } from "../src/handler.js";

const input = { orderId: "order-18", items: 2, busyAttempts: 1 };

/**
 * The executions this example keeps in histories/, which its tests replay so that a change to
 * the handler that would break executions already running fails there. `pnpm record-histories`
 * records them again.
 */
export const recordings: Recordings = {
  "retrying-reservation": () => startDurable(handler, { input }).toHistory(),
  "cooling-off": async () => {
    const execution = startDurable(handler, { input });
    await execution.advance({ seconds: 5 });
    return execution.toHistory();
  },
  fulfilled: async () => (await runDurable(handler, { input })).toHistory(),
};
