import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";
import { fails, returns } from "./branches.js";

/**
 * 8-18 Parallel with minSuccessful 3 and toleratedFailureCount 1: branches 0 and 1 fail, which
 * exceeds the tolerance before the minimum can be met (FAILURE_TOLERANCE_EXCEEDED); branches 2
 * and 3 never start.
 */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  const result = await context.parallel<string>(
    "combined",
    [fails("branch 0"), fails("branch 1"), returns("b2"), returns("b3")],
    { maxConcurrency: 1, completionConfig: { minSuccessful: 3, toleratedFailureCount: 1 } },
  );
  return {
    completionReason: result.completionReason,
    successCount: result.successCount,
    failureCount: result.failureCount,
    totalCount: result.totalCount,
  };
});
