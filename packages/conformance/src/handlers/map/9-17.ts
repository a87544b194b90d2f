import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

/**
 * 9-17 Map, then a wait: both items return upper-cased; after the 1-second wait the completed map
 * returns its recorded result without running again.
 */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  const result = await context.map(
    "then-wait",
    ["a", "b"],
    async (_item, value) => value.toUpperCase(),
    { maxConcurrency: 1 },
  );
  await context.wait({ seconds: 1 });
  return result.getResults();
});
