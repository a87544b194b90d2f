import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

/**
 * 1-13 Default retry strategy: a step with no retry options fails twice and succeeds on its
 * third attempt, retried by the SDK default (6 attempts, 5 s initial delay, x2, FULL jitter).
 * The execution returns nothing: the requirement expects no result.
 */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  await context.step(async (stepContext) => {
    if (stepContext.attempt < 3) throw new Error(`failure on attempt ${stepContext.attempt}`);
    return "succeeded on the third attempt";
  });
});

export const notes =
  "The step fails on attempts 1 and 2 by reading stepContext.attempt; the prose leaves the mechanism open.";
