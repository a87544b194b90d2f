import {
  createWaitStrategy,
  type DurableContext,
  withDurableExecution,
} from "@durable-examples/runtime";

/** Polls from `initialState`, adding 1 per check, until the count reaches `target`. */
function countUpTo(context: DurableContext, initialState: number, target: number) {
  return context.waitForCondition(async (count: number) => count + 1, {
    initialState,
    waitStrategy: createWaitStrategy({ shouldContinuePolling: (count: number) => count < target }),
  });
}

/**
 * 6-13 Two wait-for-conditions in sequence: the first counts from 0 to 2, and its result seeds
 * the second, which counts on to 4; each is an operation of its own.
 */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  const first = await countUpTo(context, 0, 2);
  return await countUpTo(context, first, 4);
});
