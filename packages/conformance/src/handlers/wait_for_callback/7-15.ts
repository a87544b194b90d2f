import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";
import { submitCallbackId } from "./submit.js";

/**
 * 7-15 Wait-for-callback with an empty success: the answer carries no payload, so the operation's
 * result is empty and the handler returns it.
 */
export const handler = withDurableExecution(async (event: string, context: DurableContext) => {
  return await context.waitForCallback(event, submitCallbackId);
});
