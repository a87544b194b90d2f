import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";
import { ECHO_FUNCTION, echoFunction } from "./targets.js";

/**
 * 5-9 Invoke replay: an invoke, then a 1-second wait. After the wait the invoke returns its
 * recorded result without invoking the function again.
 */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  const result = await context.invoke(ECHO_FUNCTION);
  await context.wait({ seconds: 1 });
  return result;
});

export const functions = { [ECHO_FUNCTION]: echoFunction };
