import { type DurableContext, type Serdes, withDurableExecution } from "@durable-examples/runtime";

/** Stores a string upper-cased, as it is, and reads the stored text back unchanged. */
const upperCaseSerdes: Serdes<string> = {
  serialize: async (value) => value?.toUpperCase(),
  deserialize: async (text) => text,
};

/**
 * 3-14 Child context with custom serdes: the child returns its step's result (the input), and the
 * serdes stores it upper-cased; the child, and so the execution, return the stored form.
 */
export const handler = withDurableExecution(async (event: string, context: DurableContext) => {
  return await context.runInChildContext(
    "uppercase_child",
    async (child) => await child.step(async () => event),
    { serdes: upperCaseSerdes },
  );
});
