import {
  createWaitStrategy,
  type DurableContext,
  withDurableExecution,
} from "@durable-examples/runtime";

/**
 * 6-3 Wait-for-condition with a name: "poll-status" counts up from 0 and polls while the count
 * is below the input (2); every check's events carry the name.
 */
export const handler = withDurableExecution(async (threshold: number, context: DurableContext) => {
  return await context.waitForCondition("poll-status", async (count: number) => count + 1, {
    initialState: 0,
    waitStrategy: createWaitStrategy({
      shouldContinuePolling: (count: number) => count < threshold,
    }),
  });
});
