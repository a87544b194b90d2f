import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";
import { submitCallbackId } from "./submit.js";

/**
 * 7-5 Wait-for-callback timeout: nobody answers within the 3-second timeout; the operation fails
 * and its error, uncaught, fails the execution.
 */
export const handler = withDurableExecution(async (event: string, context: DurableContext) => {
  return await context.waitForCallback(event, submitCallbackId, { timeout: { seconds: 3 } });
});
