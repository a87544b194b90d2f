import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";
import { ECHO_FUNCTION, echoFunction } from "./targets.js";

/** 5-3 Invoke returning a complex object: the nested input comes back from the echo unchanged. */
export const handler = withDurableExecution(async (event: object, context: DurableContext) => {
  return await context.invoke<object, object>(ECHO_FUNCTION, event);
});

export const functions = { [ECHO_FUNCTION]: echoFunction };
