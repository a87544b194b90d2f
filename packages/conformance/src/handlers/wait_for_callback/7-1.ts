import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";
import { submitCallbackId } from "./submit.js";

/**
 * 7-1 Wait-for-callback basic: an operation named by the input submits the callback id, then
 * waits for the external answer, which the handler returns.
 */
export const handler = withDurableExecution(async (event: string, context: DurableContext) => {
  return await context.waitForCallback(event, submitCallbackId);
});
