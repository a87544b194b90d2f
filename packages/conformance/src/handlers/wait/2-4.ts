import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

/** 2-4 Wait in minutes: one minute is checkpointed as Duration 60 (seconds). */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  await context.wait({ minutes: 1 });
});
