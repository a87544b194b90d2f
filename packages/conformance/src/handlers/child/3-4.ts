import { type DurableContext, retryPresets, withDurableExecution } from "@durable-examples/runtime";

/**
 * 3-4 Child context error: the step inside fails with no retry, so the child context fails and
 * its ChildContextError, uncaught, fails the execution.
 */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  return await context.runInChildContext("failing_child", async (child) => {
    return await child.step(
      async (): Promise<string> => {
        throw new Error("step inside the child failed on purpose");
      },
      { retryStrategy: retryPresets.noRetry },
    );
  });
});
