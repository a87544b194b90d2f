import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

/**
 * 9-1 Map basic: each item runs a step returning "Hello, <item>!", one item at a time; the
 * handler returns the results in item order.
 */
export const handler = withDurableExecution(async (names: string[], context: DurableContext) => {
  const result = await context.map(
    "map",
    names,
    (item, name) => item.step(async () => `Hello, ${name}!`),
    { maxConcurrency: 1 },
  );
  return result.getResults();
});
