import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

/**
 * 9-7 Map with minSuccessful 2: after items 0 and 1 succeed the map completes
 * (MIN_SUCCESSFUL_REACHED) without starting items 2 and 3.
 */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  const result = await context.map(
    "min-successful",
    ["i0", "i1", "i2", "i3"],
    async (_item, name) => `${name} done`,
    { maxConcurrency: 1, completionConfig: { minSuccessful: 2 } },
  );
  return {
    completionReason: result.completionReason,
    successCount: result.successCount,
    totalCount: result.totalCount,
  };
});
