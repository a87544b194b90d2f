import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

/** 9-2 Map without a name: each item is doubled directly, without a step. */
export const handler = withDurableExecution(async (numbers: number[], context: DurableContext) => {
  const result = await context.map(numbers, async (_item, value) => value * 2, {
    maxConcurrency: 1,
  });
  return result.getResults();
});
