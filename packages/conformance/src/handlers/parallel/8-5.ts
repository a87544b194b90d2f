import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

/** 8-5 Parallel with no branches: it completes at once (ALL_COMPLETED) with no results. */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  const result = await context.parallel<string>("empty", []);
  return result.getResults();
});
