import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

/**
 * 9-11 Map running items concurrently: up to two items at once, each returning "r<index>"; the
 * results come back in item order whatever order the items finish in.
 */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  const result = await context.map(
    "concurrent",
    ["i0", "i1", "i2"],
    async (_item, _name, index) => `r${index}`,
    { maxConcurrency: 2 },
  );
  return result.getResults();
});
