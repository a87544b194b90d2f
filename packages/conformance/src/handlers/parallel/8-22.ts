import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";
import { fails, projection, returns } from "./branches.js";

/**
 * 8-22 Parallel at exactly toleratedFailurePercentage 25: one failure in four is 25%, which does
 * not exceed 25, so all branches run (ALL_COMPLETED, status FAILED).
 */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  const result = await context.parallel<string>(
    "pct-boundary",
    [fails("branch 0"), returns("b1"), returns("b2"), returns("b3")],
    { maxConcurrency: 1, completionConfig: { toleratedFailurePercentage: 25 } },
  );
  return projection(result);
});
