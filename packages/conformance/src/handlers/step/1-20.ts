import { type DurableContext, retryPresets, withDurableExecution } from "@durable-examples/runtime";

/**
 * 1-20 Error caught and handled: the first step fails for good, the handler catches the
 * StepError and carries on with a fallback value that a second step uses.
 */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  let value: string;
  try {
    value = await context.step(
      async (): Promise<string> => {
        throw new Error("step failed on purpose");
      },
      { retryStrategy: retryPresets.noRetry },
    );
  } catch {
    value = "fallback";
  }
  return await context.step(async () => `${value}_result`);
});
