import { type Recordings, runDurable } from "@durable-examples/testing";
import { handler } from "../src/handler.js";

const input = { name: "World" };

/**
 * The executions this example keeps in histories/, which its tests replay so that a change to
 * the handler that would break executions already running fails there. `pnpm record-histories`
 * records them again. Once the handler waits, record one in flight too:
 * `"waiting": () => startDurable(handler, { input }).toHistory()`.
 */
export const recordings: Recordings = {
  finished: async () => (await runDurable(handler, { input })).toHistory(),
};
