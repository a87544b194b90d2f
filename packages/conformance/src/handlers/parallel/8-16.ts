import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";
import { fails, projection } from "./branches.js";

/**
 * 8-16 Parallel where every branch fails within tolerance: toleratedFailureCount 3 lets all three
 * failing branches run (ALL_COMPLETED); the batch status is FAILED.
 */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  const result = await context.parallel<string>(
    "all-fail",
    [fails("branch 0"), fails("branch 1"), fails("branch 2")],
    { maxConcurrency: 1, completionConfig: { toleratedFailureCount: 3 } },
  );
  return projection(result);
});
