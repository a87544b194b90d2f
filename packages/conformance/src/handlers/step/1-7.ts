import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

/** 1-7 Step with context logger (optional): the step logs as it starts and as it ends. */
export const handler = withDurableExecution(async (event: string, context: DurableContext) => {
  return await context.step(async (stepContext) => {
    stepContext.logger.info(`Greeting step started for: ${event}`);
    const greeting = `Hello, ${event}!`;
    stepContext.logger.info(`Greeting step completed with: ${greeting}`);
    return greeting;
  });
});
