import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

/** 3-16 Child context returning null: the child returns null at once; so does the execution. */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  return await context.runInChildContext("null_child", async () => null);
});
