import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";
import { okOrFail } from "./items.js";

/**
 * 9-10 Map exceeding toleratedFailurePercentage 25: item 0 fails (25%, tolerated), item 1 fails
 * (50%), so the map completes (FAILURE_TOLERANCE_EXCEEDED) before items 2 and 3.
 */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  const result = await context.map("tolerated-pct", ["fail", "fail", "ok", "ok"], okOrFail, {
    maxConcurrency: 1,
    completionConfig: { toleratedFailurePercentage: 25 },
  });
  return {
    completionReason: result.completionReason,
    successCount: result.successCount,
    failureCount: result.failureCount,
    totalCount: result.totalCount,
  };
});
