import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";
import { ECHO_FUNCTION, echoFunction } from "./targets.js";

/** 5-4 Invoke returning null: the echo function gets null and returns null. */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  return await context.invoke<null, null>(ECHO_FUNCTION, null);
});

export const functions = { [ECHO_FUNCTION]: echoFunction };
