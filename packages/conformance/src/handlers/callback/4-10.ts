import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

/**
 * 4-10 Callback, then a 5-second wait, then the answer: the callback fails during the wait (an
 * invocation that finds the wait still running suspends again); after the wait the
 * CallbackError, uncaught, fails the execution.
 */
export const handler = withDurableExecution(async (event: string, context: DurableContext) => {
  const [answer] = await context.createCallback(event);
  await context.wait({ seconds: 5 });
  return await answer;
});
