import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

/** An error the retry strategy below refuses to retry. */
class TransientError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TransientError";
  }
}

/**
 * 1-16 Retry on a specific error only: the strategy retries other errors but not
 * TransientError, so the step fails for good on its first attempt.
 */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  return await context.step(
    async (): Promise<string> => {
      throw new TransientError("the service is briefly unavailable");
    },
    {
      retryStrategy: (error: unknown, attemptCount: number) =>
        error instanceof TransientError || attemptCount >= 3
          ? { shouldRetry: false }
          : { shouldRetry: true, delay: { seconds: 1 } },
    },
  );
});
