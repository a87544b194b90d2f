import {
  createWaitStrategy,
  type DurableContext,
  withDurableExecution,
} from "@durable-examples/runtime";

/**
 * 6-7 Wait-for-condition whose check throws: the first check throws, the operation fails at once
 * (checks are not retried) and the WaitForConditionError, uncaught, fails the execution.
 */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  return await context.waitForCondition(
    async (): Promise<number> => {
      throw new Error("status check failed on purpose");
    },
    {
      initialState: 0,
      waitStrategy: createWaitStrategy({ shouldContinuePolling: (count: number) => count < 1 }),
    },
  );
});
