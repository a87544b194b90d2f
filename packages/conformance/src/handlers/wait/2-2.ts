import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

/** 2-2 Wait with name: a 2-second wait named `custom_wait_name`. */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  await context.wait("custom_wait_name", { seconds: 2 });
});
