import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

/** 1-5 Null result: the step returns null, and so does the execution. */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  return await context.step(async () => null);
});
