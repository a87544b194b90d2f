import { type DurableContext, retryPresets, withDurableExecution } from "@durable-examples/runtime";

/**
 * 1-10 Replay re-throws a failed step: the step fails for good and the error is caught; after
 * the wait, replay throws the stored error again without running the body, and it is caught
 * again. The execution succeeds with no result.
 */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  try {
    await context.step(
      async (stepContext) => {
        stepContext.logger.info("step executed");
        throw new Error("step failed on purpose");
      },
      { retryStrategy: retryPresets.noRetry },
    );
  } catch {
    // Expected: the requirement checks that the failure is recorded and survives replay.
  }
  await context.wait({ seconds: 1 });
});
