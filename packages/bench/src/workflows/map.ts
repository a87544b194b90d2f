/** Checkpoint-count workflow: a map over 20 items, 5 at a time, one step per item. */
import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

export const handler = withDurableExecution(
  async (_event: unknown, context: DurableContext): Promise<{ total: number }> => {
    const items = Array.from({ length: 20 }, (_, i) => i);
    const result = await context.map(
      "process",
      items,
      (ctx, item) => ctx.step(`double-${item}`, async () => item * 2),
      { maxConcurrency: 5 },
    );
    const values = result.getResults() as number[];
    return { total: values.reduce((x, y) => x + y, 0) };
  },
);
