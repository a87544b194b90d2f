import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

/** 1-1 Step basic: one unnamed step greets the input and succeeds on its first attempt. */
export const handler = withDurableExecution(async (event: string, context: DurableContext) => {
  return await context.step(async () => `Hello, ${event}!`);
});
