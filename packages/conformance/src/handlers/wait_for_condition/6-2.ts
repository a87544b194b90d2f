import {
  createWaitStrategy,
  type DurableContext,
  withDurableExecution,
} from "@durable-examples/runtime";

/**
 * 6-2 Wait-for-condition immediate: the state starts at 5 and the check leaves it unchanged;
 * the condition (state >= input, 5) already holds, so the first check ends the poll without
 * suspending and the execution returns 5.
 */
export const handler = withDurableExecution(async (threshold: number, context: DurableContext) => {
  return await context.waitForCondition(async (state: number) => state, {
    initialState: 5,
    waitStrategy: createWaitStrategy({
      shouldContinuePolling: (state: number) => state < threshold,
    }),
  });
});
