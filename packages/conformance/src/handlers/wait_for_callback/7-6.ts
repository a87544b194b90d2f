import {
  CallbackError,
  type DurableContext,
  withDurableExecution,
} from "@durable-examples/runtime";
import { submitCallbackId } from "./submit.js";

/**
 * 7-6 Wait-for-callback failure caught: the external system fails the callback, the handler
 * catches the CallbackError and returns "recovered".
 */
export const handler = withDurableExecution(async (event: string, context: DurableContext) => {
  try {
    return await context.waitForCallback(event, submitCallbackId);
  } catch (error) {
    if (!(error instanceof CallbackError)) throw error;
    return "recovered";
  }
});
