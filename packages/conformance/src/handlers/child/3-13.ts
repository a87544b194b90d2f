import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

/**
 * 3-13 Child context with only a wait inside: the child waits, then returns the input; after it,
 * a step outside the child returns the input.
 */
export const handler = withDurableExecution(async (event: string, context: DurableContext) => {
  await context.runInChildContext("waiting_child", async (child) => {
    await child.wait({ seconds: 1 });
    return event;
  });
  return await context.step(async () => event);
});
