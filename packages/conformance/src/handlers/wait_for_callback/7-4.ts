import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";
import { submitCallbackId } from "./submit.js";

/**
 * 7-4 Wait-for-callback failure: the external system fails the callback; the operation fails
 * and its error, uncaught, fails the execution.
 */
export const handler = withDurableExecution(async (event: string, context: DurableContext) => {
  return await context.waitForCallback(event, submitCallbackId);
});
