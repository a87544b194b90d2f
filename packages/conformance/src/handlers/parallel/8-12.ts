import { type DurableContext, NestingType, withDurableExecution } from "@durable-examples/runtime";

/**
 * 8-12 Parallel with FLAT nesting: the branches run in virtual contexts, so no ParallelBranch
 * contexts are checkpointed and each branch's step sits directly under the Parallel context.
 */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  const result = await context.parallel(
    "flat",
    [(branch) => branch.step(async () => "fa"), (branch) => branch.step(async () => "fb")],
    { maxConcurrency: 1, nesting: NestingType.FLAT },
  );
  return result.getResults();
});
