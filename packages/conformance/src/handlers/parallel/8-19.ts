import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";
import { returns } from "./branches.js";

/**
 * 8-19 Parallel with maxConcurrency 0: the configuration is rejected before the operation
 * starts, so no context is checkpointed and the validation error fails the execution.
 */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  const result = await context.parallel("bad-concurrency", [returns("b0"), returns("b1")], {
    maxConcurrency: 0,
  });
  return result.getResults();
});
