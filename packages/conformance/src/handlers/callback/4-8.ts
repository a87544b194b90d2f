import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

/**
 * 4-8 Callback with a 5-second timeout, then a step, then the answer: nobody answers, the
 * callback times out and the uncaught CallbackTimeoutError fails the execution.
 */
export const handler = withDurableExecution(async (event: string, context: DurableContext) => {
  const [answer, callbackId] = await context.createCallback(event, { timeout: { seconds: 5 } });
  await context.step(async () => `sent callback ${callbackId} for approval`);
  return await answer;
});
