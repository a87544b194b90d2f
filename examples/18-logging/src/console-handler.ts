import { withDurableExecution } from "@durable-examples/runtime";
import { fulfilOrder, type OrderRequest } from "./fulfil-order.js";

/**
 * The pitfall: the same workflow logging outside its steps with `console`, which knows nothing of
 * replay. Every invocation runs the handler from the top, so every invocation writes "order
 * received" again.
 */
export const handler = withDurableExecution((order: OrderRequest, context) =>
  fulfilOrder(order, context, console),
);
