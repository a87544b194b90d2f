import {
  createWaitStrategy,
  type DurableContext,
  WaitForConditionError,
  withDurableExecution,
} from "@durable-examples/runtime";

/**
 * 6-8 Wait-for-condition failure caught: the first check throws, the operation fails, and the
 * handler catches the WaitForConditionError and returns "recovered".
 */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  try {
    await context.waitForCondition(
      async (): Promise<number> => {
        throw new Error("status check failed on purpose");
      },
      {
        initialState: 0,
        waitStrategy: createWaitStrategy({ shouldContinuePolling: (count: number) => count < 1 }),
      },
    );
    return "condition met";
  } catch (error) {
    if (!(error instanceof WaitForConditionError)) throw error;
    return "recovered";
  }
});
