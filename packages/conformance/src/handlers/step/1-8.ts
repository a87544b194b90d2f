import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

/** 1-8 Step and wait with replay: after the 2-second wait, replay skips the finished step. */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  const value = await context.step(async () => "computed");
  await context.wait({ seconds: 2 });
  return value;
});
