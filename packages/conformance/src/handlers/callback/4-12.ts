import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

/**
 * 4-12 Callback answered, then a wait: the handler takes the answer, waits 2 seconds and returns
 * the answer; three invocations replay the callback and then the wait.
 */
export const handler = withDurableExecution(async (event: string, context: DurableContext) => {
  const [answer] = await context.createCallback(event);
  const result = await answer;
  await context.wait({ seconds: 2 });
  return result;
});
