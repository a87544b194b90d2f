/** The replay workflow: `n` steps in a row, each returning its index. */
import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

export const handler = withDurableExecution(
  async (event: { n: number }, context: DurableContext): Promise<{ sum: number }> => {
    let sum = 0;
    for (let i = 0; i < event.n; i++) {
      sum += await context.step(`step-${i}`, async () => i);
    }
    return { sum };
  },
);
