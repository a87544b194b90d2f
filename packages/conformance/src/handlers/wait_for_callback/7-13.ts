import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";
import { submitCallbackId } from "./submit.js";

/**
 * 7-13 Wait-for-callback with a heartbeat timeout: a heartbeat resets the 10-second heartbeat
 * timer, then the success arrives; the handler returns the answer.
 */
export const handler = withDurableExecution(async (event: string, context: DurableContext) => {
  return await context.waitForCallback(event, submitCallbackId, {
    heartbeatTimeout: { seconds: 10 },
  });
});
