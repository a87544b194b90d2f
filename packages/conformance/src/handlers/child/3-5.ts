import { type DurableContext, retryPresets, withDurableExecution } from "@durable-examples/runtime";

/**
 * 3-5 Child context error caught: the child context fails (its step fails with no retry), the
 * handler catches the ChildContextError and a recovery step returns the input.
 */
export const handler = withDurableExecution(async (event: string, context: DurableContext) => {
  try {
    await context.runInChildContext(async (child) => {
      return await child.step(
        async (): Promise<string> => {
          throw new Error("step inside the child failed on purpose");
        },
        { retryStrategy: retryPresets.noRetry },
      );
    });
  } catch {
    // The failure is recorded as ContextFailed; the execution carries on without it.
  }
  return await context.step(async () => event);
});
