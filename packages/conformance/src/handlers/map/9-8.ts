import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";
import { okOrFail, projection } from "./items.js";

/**
 * 9-8 Map tolerating one failure: item 1 fails, which toleratedFailureCount 1 allows, so every
 * item runs (ALL_COMPLETED) and the map's status is FAILED.
 */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  const result = await context.map("tolerated", ["ok", "fail", "ok"], okOrFail, {
    maxConcurrency: 1,
    completionConfig: { toleratedFailureCount: 1 },
  });
  return projection(result);
});
