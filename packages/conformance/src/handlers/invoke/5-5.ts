import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";
import { FAILING_FUNCTION, failingFunction } from "./targets.js";

/** 5-5 Invoke target fails: the target throws; the InvokeError, uncaught, fails the execution. */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  return await context.invoke(FAILING_FUNCTION);
});

export const functions = { [FAILING_FUNCTION]: failingFunction };
