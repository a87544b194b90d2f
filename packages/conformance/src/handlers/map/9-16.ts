import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

/** Characters of each item's result: four of them together exceed 256 KB. */
const ITEM_LENGTH = 70 * 1024;

/**
 * 9-16 Map with a large result: each of four items returns a ~70 KB string, so the map's result
 * is too large to checkpoint; the Map context is checkpointed with a summary and ReplayChildren.
 * The handler returns only the counts.
 */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  const result = await context.map(
    "large",
    ["a", "b", "c", "d"],
    async (_item, letter) => letter.repeat(ITEM_LENGTH),
    { maxConcurrency: 1 },
  );
  return { successCount: result.successCount, totalCount: result.totalCount };
});
