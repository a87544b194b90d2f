/** The replay-check workflow: `n` operations, every tenth a 1-second wait, the others steps. */
import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

export const handler = withDurableExecution(
  async (event: { n: number }, context: DurableContext): Promise<{ sum: number }> => {
    let sum = 0;
    for (let i = 0; i < event.n; i++) {
      if (i % 10 === 9) await context.wait(`wait-${i}`, { seconds: 1 });
      else sum += await context.step(`step-${i}`, async () => i);
    }
    return { sum };
  },
);
