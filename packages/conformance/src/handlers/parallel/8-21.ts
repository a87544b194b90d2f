import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

/**
 * 8-21 Nested parallel: the outer parallel's one branch runs an inner parallel of two steps
 * ("i1", "i2") and returns its results, so the handler returns [["i1", "i2"]].
 */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  const outer = await context.parallel(
    "outer",
    [
      async (branch) => {
        const inner = await branch.parallel(
          "inner",
          [(child) => child.step(async () => "i1"), (child) => child.step(async () => "i2")],
          { maxConcurrency: 1 },
        );
        return inner.getResults();
      },
    ],
    { maxConcurrency: 1 },
  );
  return outer.getResults();
});
