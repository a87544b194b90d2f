import { type DurableContext, InvokeError, withDurableExecution } from "@durable-examples/runtime";
import { FAILING_FUNCTION, failingFunction } from "./targets.js";

/** 5-6 Invoke target fails, caught: the handler catches the InvokeError and returns a fallback. */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  try {
    return await context.invoke(FAILING_FUNCTION);
  } catch (error) {
    if (!(error instanceof InvokeError)) throw error;
    return "fallback";
  }
});

export const functions = { [FAILING_FUNCTION]: failingFunction };
