import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";
import { FIRST_STAGE_FUNCTION, firstStageFunction } from "./targets.js";

/**
 * 5-13 Invoke inside a child context: the child context invokes a function and returns its
 * result, so the invoke's ParentId is the child context.
 */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  return await context.runInChildContext(async (child) => {
    return await child.invoke<undefined, string>(FIRST_STAGE_FUNCTION);
  });
});

export const functions = { [FIRST_STAGE_FUNCTION]: firstStageFunction };
