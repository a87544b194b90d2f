import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

/**
 * 3-10 Child context with step and wait inside: the child runs a step returning the input, then
 * waits; after the wait the child context succeeds with the input.
 */
export const handler = withDurableExecution(async (event: string, context: DurableContext) => {
  return await context.runInChildContext("step_then_wait", async (child) => {
    const value = await child.step(async () => event);
    await child.wait({ seconds: 1 });
    return value;
  });
});
