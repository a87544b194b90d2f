/**
 * The harness workflow: `n` operations, every tenth a 1-second wait, the others steps, and one
 * step (the sixth) that fails on its first attempt and is retried after 1 second.
 */
import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

export interface StepsInput {
  n: number;
  /** Unique per run, so the flaky step fails once per run even when the module is reused. */
  runId: string;
}

const failedOnce = new Set<string>();

export const handler = withDurableExecution(
  async (event: StepsInput, context: DurableContext): Promise<{ sum: number }> => {
    let sum = 0;
    for (let i = 0; i < event.n; i++) {
      if (i % 10 === 9) {
        await context.wait(`wait-${i}`, { seconds: 1 });
      } else if (i === 5) {
        sum += await context.step(
          `flaky-${i}`,
          async () => {
            if (!failedOnce.has(event.runId)) {
              failedOnce.add(event.runId);
              throw new Error("transient failure");
            }
            return i;
          },
          {
            retryStrategy: (_error, attempt) => ({
              shouldRetry: attempt < 3,
              delay: { seconds: 1 },
            }),
          },
        );
      } else {
        sum += await context.step(`step-${i}`, async () => i);
      }
    }
    return { sum };
  },
);
