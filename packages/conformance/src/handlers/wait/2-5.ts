import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

/** 2-5 Wait of an hour: one hour is checkpointed as Duration 3600 (seconds). */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  await context.wait({ hours: 1 });
});
