import {
  CallbackTimeoutError,
  type DurableContext,
  withDurableExecution,
} from "@durable-examples/runtime";

/**
 * 4-14 Callback timeout caught, then a wait: a callback with a 3-second timeout times out, the
 * handler catches the CallbackTimeoutError and keeps a message, waits 2 seconds and returns it.
 */
export const handler = withDurableExecution(async (event: string, context: DurableContext) => {
  const [answer] = await context.createCallback(event, { timeout: { seconds: 3 } });
  let message: string;
  try {
    message = await answer;
  } catch (error) {
    if (!(error instanceof CallbackTimeoutError)) throw error;
    message = `callback timed out: ${error.message}`;
  }
  await context.wait({ seconds: 2 });
  return message;
});
