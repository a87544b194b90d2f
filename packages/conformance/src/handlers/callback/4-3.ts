import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

/**
 * 4-3 Callback timeout: a callback with a 5-second timeout that nobody answers times out; the
 * CallbackTimeoutError, uncaught, fails the execution.
 */
export const handler = withDurableExecution(async (event: string, context: DurableContext) => {
  const [answer] = await context.createCallback(event, { timeout: { seconds: 5 } });
  return await answer;
});
