import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";
import { fails, returns } from "./branches.js";

/**
 * 8-7 Parallel rethrowing a branch failure: branch 0 fails, fail-fast (toleratedFailureCount 0)
 * completes the batch before branch 1 starts, and `throwIfError` rethrows the failure, which
 * fails the execution.
 */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  const result = await context.parallel<string>(
    "throwing",
    [fails("branch 0"), returns("branch 1 done")],
    { maxConcurrency: 1, completionConfig: { toleratedFailureCount: 0 } },
  );
  result.throwIfError();
  return result.getResults();
});
