import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

/** Two steps around a one-hour wait: the smallest handler with replays. */
export const stepWaitStep = withDurableExecution(
  async (event: { n: number }, context: DurableContext) => {
    const doubled = await context.step("double", () => event.n * 2);
    await context.wait("pause", { hours: 1 });
    const plusOne = await context.step("add-one", () => doubled + 1);
    return { doubled, plusOne };
  },
);
