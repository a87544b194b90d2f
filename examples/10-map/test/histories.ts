import { type Recordings, runDurable, startDurable } from "@durable-examples/testing";
import { handler } from "../src/handler.js";

const input = { campaignId: "plan-change-2025", customerCount: 6 };

/**
 * The executions this example keeps in histories/, which its tests replay so that a change to
 * the handler that would break executions already running fails there. `pnpm record-histories`
 * records them again.
 */
export const recordings: Recordings = {
  // It never suspends on its own: recorded as if the function died after its third checkpoint.
  "in-flight": () => startDurable(handler, { input }).toHistory({ afterCheckpoint: 3 }),
  finished: async () => (await runDurable(handler, { input })).toHistory(),
};
