import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

/**
 * 3-15 Child context error without a step: the child throws before any durable operation, so
 * the history has ContextStarted then ContextFailed, and the execution fails.
 */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  return await context.runInChildContext("throwing_child", async (): Promise<string> => {
    throw new Error("child context failed on purpose");
  });
});
