import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";
import { simulateCrash } from "@durable-examples/testing";

/** Executions whose step already crashed once: the crash stands for an outside event, once. */
const crashed = new Set<string>();

/**
 * 3-12 Child context interrupted: the step inside the child crashes the invocation after its
 * StepStarted is checkpointed. The next invocation runs the step again (at least once per retry)
 * and checkpoints StepSucceeded with no second StepStarted; the child context then succeeds.
 */
export const handler = withDurableExecution(async (event: string, context: DurableContext) => {
  const executionArn = context.executionContext.durableExecutionArn;
  return await context.runInChildContext(async (child) => {
    return await child.step(async () => {
      if (!crashed.has(executionArn)) {
        crashed.add(executionArn);
        // The STARTs of the child and the step are queued, not awaited (at least once per
        // retry): let the checkpointer send them, as a real crash comes after they landed.
        await new Promise((resolve) => setImmediate(resolve));
        await simulateCrash();
      }
      return event;
    });
  });
});

export const notes =
  "The requirement's step crashes the Lambda process (process.exit); this one calls simulateCrash() from @durable-examples/testing. stepContext.attempt cannot tell the re-run from the first run (a crashed attempt is not counted), so the step crashes once per execution, remembered by execution ARN in module state. Before crashing, the step yields one event-loop turn so that the queued ContextStarted and StepStarted checkpoints are sent: the requirement has the crash come after they are checkpointed, and at least once per retry the runtime does not wait for the START before running the body.";
