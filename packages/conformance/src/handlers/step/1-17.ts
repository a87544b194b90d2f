import {
  type DurableContext,
  retryPresets,
  StepSemantics,
  withDurableExecution,
} from "@durable-examples/runtime";
import { simulateCrash } from "@durable-examples/testing";

/**
 * 1-17 At most once per retry, no retry: the step logs its input and the invocation crashes.
 * The next invocation finds the step started but not finished, so it must not run it again:
 * the step fails with StepInterruptedError and, with no retries, so does the execution.
 */
export const handler = withDurableExecution(async (event: string, context: DurableContext) => {
  return await context.step(
    "at_most_once_flaky_step",
    async (stepContext): Promise<string> => {
      stepContext.logger.info(`at_most_once_flaky_step input: ${event}`);
      await simulateCrash();
      throw new Error("simulateCrash() returned: the invocation should have ended");
    },
    { semantics: StepSemantics.AtMostOncePerRetry, retryStrategy: retryPresets.noRetry },
  );
});

export const notes =
  "The requirement's step crashes the Lambda process (process.exit); this one calls simulateCrash() from @durable-examples/testing, which ends the invocation as a Runtime.ExitError crash. 'No retry strategy' is read as retryPresets.noRetry, since the step must fail on its first interruption and the SDK default would retry it.";
