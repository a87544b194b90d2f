/** Checkpoint-count workflow: 10 steps, one after another, with a wait in the middle. */
import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

export const handler = withDurableExecution(
  async (_event: unknown, context: DurableContext): Promise<{ total: number }> => {
    let total = 0;
    for (let i = 0; i < 10; i++) {
      if (i === 5) await context.wait("pause", { seconds: 5 });
      total += await context
        .step(`step-${i}`, async () => ({ value: i, label: `item ${i}` }))
        .then((r) => r.value);
    }
    return { total };
  },
);
