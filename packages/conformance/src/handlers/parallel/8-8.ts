import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";
import { returns } from "./branches.js";

/**
 * 8-8 Parallel with minSuccessful 2: after branches 0 and 1 succeed the batch completes
 * (MIN_SUCCESSFUL_REACHED) without starting branches 2 and 3.
 */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  const result = await context.parallel(
    "min-successful",
    [returns("b0"), returns("b1"), returns("b2"), returns("b3")],
    { maxConcurrency: 1, completionConfig: { minSuccessful: 2 } },
  );
  return {
    completionReason: result.completionReason,
    successCount: result.successCount,
    totalCount: result.totalCount,
  };
});
