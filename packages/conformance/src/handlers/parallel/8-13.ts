import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";
import { fails, returns } from "./branches.js";

/**
 * 8-13 Parallel exceeding toleratedFailurePercentage 25: branch 0 fails (25%, tolerated), branch
 * 1 fails (50%), so the batch completes (FAILURE_TOLERANCE_EXCEEDED) before branches 2 and 3.
 */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  const result = await context.parallel<string>(
    "tolerated-pct",
    [fails("branch 0"), fails("branch 1"), returns("b2"), returns("b3")],
    { maxConcurrency: 1, completionConfig: { toleratedFailurePercentage: 25 } },
  );
  return {
    completionReason: result.completionReason,
    successCount: result.successCount,
    failureCount: result.failureCount,
    totalCount: result.totalCount,
  };
});
