import { type DurableContext, type Serdes, withDurableExecution } from "@durable-examples/runtime";

/** Stores every string in upper case; reads JSON back as it is. */
const uppercaseSerdes: Serdes<string> = {
  serialize: async (value) =>
    value === undefined ? undefined : JSON.stringify(value, (_key, item) => upper(item)),
  deserialize: async (text) => (text === undefined ? undefined : (JSON.parse(text) as string)),
};

function upper(item: unknown): unknown {
  return typeof item === "string" ? item.toUpperCase() : item;
}

/**
 * 1-6 Custom serdes per step: the step returns its input unchanged and the serdes stores it in
 * upper case, so the execution returns what was stored, not what the step body returned.
 */
export const handler = withDurableExecution(async (event: string, context: DurableContext) => {
  return await context.step(async () => event, { serdes: uppercaseSerdes });
});
