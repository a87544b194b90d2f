import {
  createWaitStrategy,
  type DurableContext,
  JitterStrategy,
  withDurableExecution,
} from "@durable-examples/runtime";

/**
 * 6-5 Wait-for-condition with a fixed delay: 2 seconds between checks (no backoff, no jitter),
 * counting up from 0 until the input (3); each continue records NextAttemptDelaySeconds 2.
 */
export const handler = withDurableExecution(async (threshold: number, context: DurableContext) => {
  return await context.waitForCondition(async (count: number) => count + 1, {
    initialState: 0,
    waitStrategy: createWaitStrategy({
      shouldContinuePolling: (count: number) => count < threshold,
      initialDelay: { seconds: 2 },
      backoffRate: 1,
      jitter: JitterStrategy.NONE,
    }),
  });
});
