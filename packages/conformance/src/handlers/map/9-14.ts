import { type DurableContext, type Serdes, withDurableExecution } from "@durable-examples/runtime";

const PREFIX = "wrapped:";

/** Stores an item result v as "wrapped:v" and reads v back. */
const prefixSerdes: Serdes<string> = {
  serialize: async (value) => (value === undefined ? undefined : `${PREFIX}${value}`),
  deserialize: async (text) => {
    if (text === undefined) return undefined;
    if (!text.startsWith(PREFIX)) throw new Error(`expected "${PREFIX}..." but got "${text}"`);
    return text.slice(PREFIX.length);
  },
};

/**
 * 9-14 Map with a custom itemSerdes: each iteration returns its item upper-cased, checkpointed as
 * "wrapped:X" and read back as "X".
 */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  const result = await context.map(
    "serdes",
    ["x", "y"],
    async (_item, value) => value.toUpperCase(),
    {
      maxConcurrency: 1,
      itemSerdes: prefixSerdes,
    },
  );
  return result.getResults();
});
