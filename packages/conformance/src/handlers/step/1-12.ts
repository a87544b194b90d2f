import {
  createRetryStrategy,
  type DurableContext,
  JitterStrategy,
  withDurableExecution,
} from "@durable-examples/runtime";

/** 1-12 Retry exhaustion: a step that always fails gets 4 attempts, 1 second apart, then fails. */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  return await context.step(
    async (stepContext): Promise<string> => {
      throw new Error(`always fails (attempt ${stepContext.attempt})`);
    },
    {
      retryStrategy: createRetryStrategy({
        maxAttempts: 4,
        initialDelay: { seconds: 1 },
        backoffRate: 1,
        jitter: JitterStrategy.NONE,
      }),
    },
  );
});
