import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

/**
 * 9-13 Map with an item namer: the iterations are named "item-1" and "item-2" after their items,
 * and each returns item × 10.
 */
export const handler = withDurableExecution(async (numbers: number[], context: DurableContext) => {
  const result = await context.map("named-items", numbers, async (_item, value) => value * 10, {
    maxConcurrency: 1,
    itemNamer: (value) => `item-${value}`,
  });
  return result.getResults();
});
