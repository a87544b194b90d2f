import { type DurableContext, type Serdes, withDurableExecution } from "@durable-examples/runtime";

/** Reads a callback answer as a number; numbers are stored as their decimal text. */
const numberSerdes: Serdes<number> = {
  serialize: async (value) => (value === undefined ? undefined : String(value)),
  deserialize: async (text) => {
    const count = Number(text);
    if (text === undefined || Number.isNaN(count)) {
      throw new Error(`expected a number as the callback answer, got ${JSON.stringify(text)}`);
    }
    return count;
  },
};

/**
 * 4-16 Callback with a custom deserializer: the answer `42` is read as a number, and the handler
 * returns it with its double.
 */
export const handler = withDurableExecution(async (event: string, context: DurableContext) => {
  const [answer] = await context.createCallback(event, { serdes: numberSerdes });
  const count = await answer;
  return { count, doubled: count * 2 };
});
