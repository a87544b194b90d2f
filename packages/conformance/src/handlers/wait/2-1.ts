import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

/** 2-1 Wait basic: an unnamed 2-second wait; the execution returns nothing. */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  await context.wait({ seconds: 2 });
});
