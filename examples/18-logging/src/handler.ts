import { withDurableExecution } from "@durable-examples/runtime";
import { fulfilOrder } from "./fulfil-order.js";

export type { OrderRequest, OrderResult } from "./fulfil-order.js";

/**
 * The order workflow with the runtime's own logger: one JSON line per call, with the execution,
 * the request and, in a step, the operation and attempt; silent while the handler replays.
 */
export const handler = withDurableExecution(fulfilOrder);
