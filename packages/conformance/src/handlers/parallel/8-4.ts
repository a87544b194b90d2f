import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";
import { returns } from "./branches.js";

/**
 * 8-4 Parallel with results of different types: a string, a number and an object, each stored
 * and read back with its type.
 */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  const result = await context.parallel<unknown>(
    "hetero",
    [returns("hello"), returns(42), returns({ k: "v" })],
    { maxConcurrency: 1 },
  );
  return result.getResults();
});
