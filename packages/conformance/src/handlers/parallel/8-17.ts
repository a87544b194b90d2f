import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";
import { fails, projection, returns } from "./branches.js";

/**
 * 8-17 Parallel whose minSuccessful 3 is never reached: with no failure tolerance set, the
 * failure of branch 1 does not stop the batch; all branches run (ALL_COMPLETED, status FAILED).
 */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  const result = await context.parallel<string>(
    "min-not-reached",
    [returns("b0"), fails("branch 1"), returns("b2")],
    { maxConcurrency: 1, completionConfig: { minSuccessful: 3 } },
  );
  return projection(result);
});
