import {
  createWaitStrategy,
  type DurableContext,
  withDurableExecution,
} from "@durable-examples/runtime";

interface JobState {
  status: "PENDING" | "DONE";
  attempts: number;
}

/**
 * 6-9 Wait-for-condition with an object state: each check counts an attempt and marks the job
 * DONE at the second; polling continues while it is PENDING and returns the final object.
 */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  return await context.waitForCondition(
    async (state: JobState): Promise<JobState> => {
      const attempts = state.attempts + 1;
      return { status: attempts >= 2 ? "DONE" : "PENDING", attempts };
    },
    {
      initialState: { status: "PENDING", attempts: 0 },
      waitStrategy: createWaitStrategy({
        shouldContinuePolling: (state: JobState) => state.status === "PENDING",
      }),
    },
  );
});
