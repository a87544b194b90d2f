import { type DurableContext, NestingType, withDurableExecution } from "@durable-examples/runtime";

/**
 * 9-12 Map with FLAT nesting: the items run in virtual contexts, so no MapIteration contexts are
 * checkpointed and each item's step sits directly under the Map context.
 */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  const result = await context.map(
    "flat",
    ["fa", "fb"],
    (item, value) => item.step(async () => value),
    { maxConcurrency: 1, nesting: NestingType.FLAT },
  );
  return result.getResults();
});
