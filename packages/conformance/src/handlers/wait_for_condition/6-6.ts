import {
  createWaitStrategy,
  type DurableContext,
  JitterStrategy,
  withDurableExecution,
} from "@durable-examples/runtime";

/**
 * 6-6 Wait-for-condition exhausting its attempts: the condition never holds; the strategy allows
 * 3 checks (1 second apart) and throws after the third, which fails the operation and, uncaught,
 * the execution.
 */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  return await context.waitForCondition(async (count: number) => count + 1, {
    initialState: 0,
    waitStrategy: createWaitStrategy({
      shouldContinuePolling: () => true,
      maxAttempts: 3,
      initialDelay: { seconds: 1 },
      backoffRate: 1,
      jitter: JitterStrategy.NONE,
    }),
  });
});
