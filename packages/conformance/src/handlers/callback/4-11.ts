import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

/**
 * 4-11 Callback with a 3-second timeout, then a 6-second wait, then the answer: the callback
 * times out during the wait; after the wait the CallbackTimeoutError fails the execution.
 */
export const handler = withDurableExecution(async (event: string, context: DurableContext) => {
  const [answer] = await context.createCallback(event, { timeout: { seconds: 3 } });
  await context.wait({ seconds: 6 });
  return await answer;
});
