import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";
import { fails, projection, returns } from "./branches.js";

/**
 * 8-9 Parallel tolerating one failure: branch 1 fails, which toleratedFailureCount 1 allows, so
 * all three branches run (ALL_COMPLETED) and the batch status is FAILED.
 */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  const result = await context.parallel<string>(
    "tolerated",
    [returns("b0"), fails("branch 1"), returns("b2")],
    { maxConcurrency: 1, completionConfig: { toleratedFailureCount: 1 } },
  );
  return projection(result);
});
