import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

/**
 * 4-6 Callback failure: the external system fails the callback (RejectedError, "not approved");
 * the handler does not catch the CallbackError, so the execution fails with its message.
 */
export const handler = withDurableExecution(async (event: string, context: DurableContext) => {
  const [answer] = await context.createCallback(event);
  return await answer;
});
