import { type DurableContext, retryPresets, withDurableExecution } from "@durable-examples/runtime";

/** 1-19 Step with error: with no retries, the step and then the execution fail. */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  return await context.step(
    async (): Promise<string> => {
      throw new Error("step failed on purpose");
    },
    { retryStrategy: retryPresets.noRetry },
  );
});
