import { type Recordings, runDurable, startDurable } from "@durable-examples/testing";
import { handler } from "../src/handler.js";

const input = { customerId: "cus-42", urgent: false };

/**
 * The executions this example keeps in histories/, which its tests replay so that a change to
 * the handler that would break executions already running fails there. `pnpm record-histories`
 * records them again.
 */
export const recordings: Recordings = {
  gathering: () => startDurable(handler, { input }).toHistory(),
  finished: async () => (await runDurable(handler, { input })).toHistory(),
};
