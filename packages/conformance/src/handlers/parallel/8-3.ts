import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";
import { returns } from "./branches.js";

/**
 * 8-3 Parallel with named branches: branches "first" and "second" return "one" and "two"; the
 * handler returns the results in branch order.
 */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  const result = await context.parallel(
    "named",
    [
      { name: "first", func: returns("one") },
      { name: "second", func: returns("two") },
    ],
    { maxConcurrency: 1 },
  );
  return result.getResults();
});
