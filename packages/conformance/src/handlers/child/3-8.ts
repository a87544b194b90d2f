import {
  createRetryStrategy,
  type DurableContext,
  JitterStrategy,
  withDurableExecution,
} from "@durable-examples/runtime";

/**
 * 3-8 Child context with step retry exhaustion: the step inside always fails; after its two
 * attempts (maxAttempts 2) the step, then the child context, then the execution fail.
 */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  return await context.runInChildContext("exhausted_child", async (child) => {
    return await child.step(
      async (stepContext): Promise<string> => {
        throw new Error(`failure on attempt ${stepContext.attempt}`);
      },
      {
        retryStrategy: createRetryStrategy({
          maxAttempts: 2,
          initialDelay: { seconds: 1 },
          jitter: JitterStrategy.NONE,
        }),
      },
    );
  });
});
