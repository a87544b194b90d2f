import {
  CallbackTimeoutError,
  type DurableContext,
  withDurableExecution,
} from "@durable-examples/runtime";
import { submitCallbackId } from "./submit.js";

/**
 * 7-14 Wait-for-callback timeout caught: nobody answers within 3 seconds; the handler catches the
 * CallbackTimeoutError and returns "timed-out-handled".
 */
export const handler = withDurableExecution(async (event: string, context: DurableContext) => {
  try {
    return await context.waitForCallback(event, submitCallbackId, { timeout: { seconds: 3 } });
  } catch (error) {
    if (!(error instanceof CallbackTimeoutError)) throw error;
    return "timed-out-handled";
  }
});
