import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";
import { okOrFail, projection } from "./items.js";

/**
 * 9-5 Map fail-fast: item 0 returns "ok", item 1 fails, and toleratedFailureCount 0 completes the
 * map (FAILURE_TOLERANCE_EXCEEDED) before item 2 starts; the map itself does not throw.
 */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  const result = await context.map("failfast", ["ok", "fail", "ok"], okOrFail, {
    maxConcurrency: 1,
    completionConfig: { toleratedFailureCount: 0 },
  });
  return projection(result);
});
