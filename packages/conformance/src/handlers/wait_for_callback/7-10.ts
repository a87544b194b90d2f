import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";
import { submitCallbackId } from "./submit.js";

/**
 * 7-10 Wait-for-callback after a wait and a step: a 1-second wait, a top-level step returning
 * fixed data, then the operation (named by the input), whose answer the handler returns.
 */
export const handler = withDurableExecution(async (event: string, context: DurableContext) => {
  await context.wait({ seconds: 1 });
  await context.step(async () => ({ order: "A-1", items: 2 }));
  return await context.waitForCallback(event, submitCallbackId);
});
