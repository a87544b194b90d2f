import { type DurableContext, type Serdes, withDurableExecution } from "@durable-examples/runtime";
import { returns } from "./branches.js";

/** Stores a branch result v as {"wrapped": v} and reads v back out of it. */
const wrappingSerdes: Serdes<string> = {
  serialize: async (value) => JSON.stringify({ wrapped: value }),
  deserialize: async (text) =>
    text === undefined ? undefined : (JSON.parse(text) as { wrapped: string }).wrapped,
};

/**
 * 8-15 Parallel with a custom itemSerdes: each branch result is checkpointed wrapped and read
 * back unwrapped, so the handler returns ["x", "y"].
 */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  const result = await context.parallel("serde", [returns("x"), returns("y")], {
    maxConcurrency: 1,
    itemSerdes: wrappingSerdes,
  });
  return result.getResults();
});
