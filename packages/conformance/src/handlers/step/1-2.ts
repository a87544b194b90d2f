import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

/** 1-2 Step with name: the same greeting step, named `custom_step_name`. */
export const handler = withDurableExecution(async (event: string, context: DurableContext) => {
  return await context.step("custom_step_name", async () => `Hello, ${event}!`);
});
