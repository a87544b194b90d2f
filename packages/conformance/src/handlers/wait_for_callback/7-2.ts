import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";
import { submitCallbackId } from "./submit.js";

/** 7-2 Wait-for-callback with a static name: the operation is named "approval". */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  return await context.waitForCallback("approval", submitCallbackId);
});
