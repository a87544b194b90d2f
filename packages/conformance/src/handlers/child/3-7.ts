import {
  createRetryStrategy,
  type DurableContext,
  JitterStrategy,
  withDurableExecution,
} from "@durable-examples/runtime";

/**
 * 3-7 Child context with step retry: the step inside fails on its first attempt and, retried
 * 1 second later in the next invocation, returns the input; so does the child context.
 */
export const handler = withDurableExecution(async (event: string, context: DurableContext) => {
  return await context.runInChildContext("retrying_child", async (child) => {
    return await child.step(
      async (stepContext) => {
        if (stepContext.attempt === 1) throw new Error("transient failure on the first attempt");
        return event;
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
});

export const notes =
  "The step fails on its first attempt by reading stepContext.attempt; the prose leaves the mechanism open.";
