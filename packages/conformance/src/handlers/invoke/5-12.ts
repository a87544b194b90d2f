import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";
import { FIRST_STAGE_FUNCTION, firstStageFunction } from "./targets.js";

/** 5-12 Invoke then step: the invoke's result goes into a step, which returns it processed. */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  const invoked = await context.invoke<undefined, string>(FIRST_STAGE_FUNCTION);
  return await context.step(async () => `processed: ${invoked}`);
});

export const functions = { [FIRST_STAGE_FUNCTION]: firstStageFunction };
