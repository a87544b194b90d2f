import {
  createRetryStrategy,
  type DurableContext,
  JitterStrategy,
  withDurableExecution,
} from "@durable-examples/runtime";

/**
 * 7-7 Wait-for-callback whose submitter always fails: the submitter step is tried twice, 1 second
 * apart (maxAttempts 2); then it fails for good, so does the operation (CallbackSubmitterError)
 * and, uncaught, the execution. The callback is never answered.
 */
export const handler = withDurableExecution(async (event: string, context: DurableContext) => {
  return await context.waitForCallback(
    event,
    async (callbackId) => {
      throw new Error(`could not submit callback ${callbackId}`);
    },
    {
      retryStrategy: createRetryStrategy({
        maxAttempts: 2,
        initialDelay: { seconds: 1 },
        backoffRate: 1,
        jitter: JitterStrategy.NONE,
      }),
    },
  );
});
