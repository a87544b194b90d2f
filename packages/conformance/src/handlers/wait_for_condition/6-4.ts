import {
  createWaitStrategy,
  type DurableContext,
  withDurableExecution,
} from "@durable-examples/runtime";

/**
 * 6-4 Wait-for-condition with an initial state: the first check gets 5, each check adds 1 and
 * passes its state to the next; polling stops at the input (8).
 */
export const handler = withDurableExecution(async (threshold: number, context: DurableContext) => {
  return await context.waitForCondition(async (state: number) => state + 1, {
    initialState: 5,
    waitStrategy: createWaitStrategy({
      shouldContinuePolling: (state: number) => state < threshold,
    }),
  });
});
