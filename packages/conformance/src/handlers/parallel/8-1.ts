import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

/**
 * 8-1 Parallel basic: two branches, one at a time (maxConcurrency 1), each a step returning
 * "task-1" or "task-2"; the handler returns the results in branch order.
 */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  const result = await context.parallel(
    "parallel",
    [(branch) => branch.step(async () => "task-1"), (branch) => branch.step(async () => "task-2")],
    { maxConcurrency: 1 },
  );
  return result.getResults();
});
