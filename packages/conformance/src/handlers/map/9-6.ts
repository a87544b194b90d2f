import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";
import { okOrFail } from "./items.js";

/**
 * 9-6 Map rethrowing an item failure: item 0 fails, fail-fast completes the map before item 1
 * starts, and `throwIfError` rethrows the failure, which fails the execution.
 */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  const result = await context.map("throwing", ["fail", "ok"], okOrFail, {
    maxConcurrency: 1,
    completionConfig: { toleratedFailureCount: 0 },
  });
  result.throwIfError();
  return result.getResults();
});
