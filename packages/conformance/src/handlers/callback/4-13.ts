import {
  CallbackError,
  type DurableContext,
  withDurableExecution,
} from "@durable-examples/runtime";

/**
 * 4-13 Callback failure caught, then a wait: the handler catches the CallbackError and keeps a
 * message, waits 2 seconds and returns the message.
 */
export const handler = withDurableExecution(async (event: string, context: DurableContext) => {
  const [answer] = await context.createCallback(event);
  let message: string;
  try {
    message = await answer;
  } catch (error) {
    if (!(error instanceof CallbackError)) throw error;
    message = `callback failed: ${error.message}`;
  }
  await context.wait({ seconds: 2 });
  return message;
});
