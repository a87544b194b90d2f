import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

/**
 * 4-7 Callback, then a step, then the answer: the step hands out the callback id; the external
 * system fails the callback and the uncaught CallbackError fails the execution.
 */
export const handler = withDurableExecution(async (event: string, context: DurableContext) => {
  const [answer, callbackId] = await context.createCallback(event);
  await context.step(async () => `sent callback ${callbackId} for approval`);
  return await answer;
});
