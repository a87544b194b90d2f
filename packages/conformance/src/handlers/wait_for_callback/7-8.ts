import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";
import { submitCallbackId } from "./submit.js";

/**
 * 7-8 Wait-for-callback inside a child context: the child context "wrapper" runs the operation
 * (named by the input) and returns its answer, which the handler returns.
 */
export const handler = withDurableExecution(async (event: string, context: DurableContext) => {
  return await context.runInChildContext("wrapper", async (child) => {
    return await child.waitForCallback(event, submitCallbackId);
  });
});
