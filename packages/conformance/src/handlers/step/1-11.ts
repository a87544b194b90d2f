import {
  createRetryStrategy,
  type DurableContext,
  JitterStrategy,
  withDurableExecution,
} from "@durable-examples/runtime";

/** 1-11 Step with retry: the first attempt fails, the retry 1 second later succeeds. */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  return await context.step(
    async (stepContext) => {
      if (stepContext.attempt === 1) throw new Error("transient failure on the first attempt");
      return "Operation succeeded";
    },
    {
      retryStrategy: createRetryStrategy({
        maxAttempts: 3,
        initialDelay: { seconds: 1 },
        backoffRate: 1,
        jitter: JitterStrategy.NONE,
      }),
    },
  );
});

export const notes =
  "The step fails on its first attempt by reading stepContext.attempt; the prose leaves the mechanism open.";
