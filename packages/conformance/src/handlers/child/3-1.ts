import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

/** 3-1 Child context basic: an unnamed child context whose one step returns the input. */
export const handler = withDurableExecution(async (event: string, context: DurableContext) => {
  return await context.runInChildContext(async (child) => {
    return await child.step(async () => event);
  });
});
