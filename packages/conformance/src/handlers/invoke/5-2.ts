import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";
import { ECHO_FUNCTION, echoFunction } from "./targets.js";

interface NamedInput {
  name: string;
  payload: string;
}

/** 5-2 Invoke with name: the invoke is named by `event.name` and sends `event.payload`. */
export const handler = withDurableExecution(async (event: NamedInput, context: DurableContext) => {
  return await context.invoke<string, string>(event.name, ECHO_FUNCTION, event.payload);
});

export const functions = { [ECHO_FUNCTION]: echoFunction };
