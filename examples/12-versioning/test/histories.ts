import { type Recordings, runDurable, startDurable } from "@durable-examples/testing";
import { handler } from "../src/handler.js";
import { handler as v1 } from "../src/v1.js";

const input = { orderId: "order-9001", items: ["kettle", "mug"] };

/**
 * The executions this example keeps in histories/: one started on version 1 and waiting out its
 * cooling-off period when version 2 is deployed, and one of each version finished. Its tests
 * replay them; `pnpm record-histories` records them again.
 */
export const recordings: Recordings = {
  "v1-cooling-off": () => startDurable(v1, { input }).toHistory(),
  "v1-finished": async () => (await runDurable(v1, { input })).toHistory(),
  "v2-cooling-off": () => startDurable(handler, { input }).toHistory(),
};
