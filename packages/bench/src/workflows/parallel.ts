/** Checkpoint-count workflow: 5 parallel branches of 2 steps each. */
import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

export const handler = withDurableExecution(
  async (_event: unknown, context: DurableContext): Promise<{ total: number }> => {
    const branches = Array.from({ length: 5 }, (_, b) => ({
      name: `branch-${b}`,
      func: async (ctx: DurableContext) => {
        const a = await ctx.step(`fetch-${b}`, async () => b * 10);
        const c = await ctx.step(`transform-${b}`, async () => a + 1);
        return c;
      },
    }));
    const result = await context.parallel("fan-out", branches);
    const values = result.getResults() as number[];
    return { total: values.reduce((x, y) => x + y, 0) };
  },
);
