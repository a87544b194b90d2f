import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

/**
 * 1-9 Replay skips a succeeded step: on the invocation after the wait, the step returns its
 * stored result and its body (and so its log line) does not run again.
 */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  const value = await context.step(async (stepContext) => {
    stepContext.logger.info("step executed");
    return "cached_value";
  });
  await context.wait({ seconds: 1 });
  return value;
});
