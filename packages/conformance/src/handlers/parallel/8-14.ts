import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

/**
 * 8-14 Parallel resumed after a wait: branch 0's step returns "b0"; branch 1 waits 2 seconds,
 * suspending the execution, then returns "b1". On replay branch 0 is not run again.
 */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  const result = await context.parallel(
    "replay",
    [
      (branch) => branch.step(async () => "b0"),
      async (branch) => {
        await branch.wait({ seconds: 2 });
        return "b1";
      },
    ],
    { maxConcurrency: 1 },
  );
  return result.getResults();
});
