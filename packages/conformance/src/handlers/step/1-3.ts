import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

/** 1-3 Sequential steps: the second step builds on the first step's result. */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  const first = await context.step(async () => "first");
  return await context.step(async () => `${first}_second`);
});
