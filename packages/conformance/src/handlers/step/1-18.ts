import {
  createRetryStrategy,
  type DurableContext,
  JitterStrategy,
  StepSemantics,
  withDurableExecution,
} from "@durable-examples/runtime";
import { simulateCrash } from "@durable-examples/testing";

/**
 * 1-18 At most once per retry, with retry: the first attempt logs its input and crashes the
 * invocation; the next invocation records the interruption as a failed attempt and schedules a
 * retry; the second attempt logs again and succeeds.
 */
export const handler = withDurableExecution(async (event: string, context: DurableContext) => {
  return await context.step(
    "at_most_once_flaky_step",
    async (stepContext) => {
      stepContext.logger.info(`at_most_once_flaky_step input: ${event}`);
      if (stepContext.attempt === 1) await simulateCrash();
      return "succeeded on second attempt";
    },
    {
      semantics: StepSemantics.AtMostOncePerRetry,
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
  "The requirement's step crashes the Lambda process (process.exit); this one calls simulateCrash() from @durable-examples/testing on its first attempt (stepContext.attempt === 1).";
