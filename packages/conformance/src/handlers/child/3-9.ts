import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

/**
 * 3-9 Child context replay: a child context (one step returning the input), then a wait. After
 * the wait the child context returns its recorded result without running again.
 */
export const handler = withDurableExecution(async (event: string, context: DurableContext) => {
  const result = await context.runInChildContext(async (child) => {
    return await child.step(async () => event);
  });
  await context.wait({ seconds: 1 });
  return result;
});
