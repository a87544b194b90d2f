import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

/**
 * 4-1 Create callback basic: a callback named by the input; the handler waits for the answer and
 * returns it as sent (the default deserializer returns the raw text).
 */
export const handler = withDurableExecution(async (event: string, context: DurableContext) => {
  const [answer] = await context.createCallback(event);
  return await answer;
});
