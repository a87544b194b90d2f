import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

/** 9-3 Map with the index: each item returns item + index (10, 21, 32). */
export const handler = withDurableExecution(async (numbers: number[], context: DurableContext) => {
  const result = await context.map(
    "indexed",
    numbers,
    async (_item, value, index) => value + index,
    { maxConcurrency: 1 },
  );
  return result.getResults();
});
