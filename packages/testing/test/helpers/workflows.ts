import type * as Runtime from "@durable-examples/runtime";
import type { DurableContext } from "@durable-examples/runtime";

/** What the workflows below take from a durable runtime: ours or the official SDK, same names. */
export type DurableSdk = Pick<
  typeof Runtime,
  "withDurableExecution" | "createRetryStrategy" | "createWaitStrategy" | "JitterStrategy"
>;

/**
 * One source for each workflow, built on whichever runtime is given, so the harness can run the
 * same handler on our runtime and on `@aws/durable-execution-sdk-js` and compare.
 */
export function workflows(sdk: DurableSdk) {
  const { withDurableExecution, createRetryStrategy, createWaitStrategy, JitterStrategy } = sdk;
  return {
    /** Steps around a day-long wait, one of them retried twice with backoff. */
    stepsWaitRetry: withDurableExecution(
      async (event: { orderId: string }, context: DurableContext) => {
        const order = await context.step("load-order", () => ({ id: event.orderId, cents: 4200 }));
        await context.wait("cool-down", { days: 1 });
        const charge = await context.step(
          "charge",
          (step) => {
            if (step.attempt < 3) throw new Error(`gateway timeout (attempt ${step.attempt})`);
            return { charged: order.cents, attempts: step.attempt };
          },
          {
            retryStrategy: createRetryStrategy({
              maxAttempts: 5,
              initialDelay: { seconds: 10 },
              jitter: JitterStrategy.NONE,
            }),
          },
        );
        context.logger.info("charged", { orderId: order.id });
        return { order, charge };
      },
    ),

    /** Waits for an approval that the test answers. */
    callback: withDurableExecution(async (_: unknown, context: DurableContext) => {
      const decision = await context.waitForCallback(
        "approval",
        async (callbackId, { logger }) => {
          logger.info("approval requested", { length: callbackId.length });
        },
        { timeout: { days: 3 } },
      );
      return { decision: JSON.parse(decision as string) as unknown };
    }),

    /** Maps over items two at a time, each item a child context with one step. */
    map: withDurableExecution(async (event: { items: number[] }, context: DurableContext) => {
      const squares = await context.map(
        "square",
        event.items,
        async (item, value) => item.step(`square-${value}`, () => value * value),
        { maxConcurrency: 2 },
      );
      return squares.getResults();
    }),

    /** A tour of the rest: child context, parallel, waitForCondition, combinators, invoke. */
    everythingElse: withDurableExecution(async (_: unknown, context: DurableContext) => {
      const grouped = await context.runInChildContext("group", async (child) => {
        const a = await child.step("a", () => 1);
        const b = await child.step("b", () => 2);
        return a + b;
      });
      const branches = await context.parallel("branches", [
        { name: "left", func: async (branch) => branch.step("left-step", () => "L") },
        { name: "right", func: async (branch) => branch.step("right-step", () => "R") },
      ]);
      const polled = await context.waitForCondition(
        "poll",
        async (state: { checks: number }) => ({ checks: state.checks + 1 }),
        {
          initialState: { checks: 0 },
          waitStrategy: createWaitStrategy({
            shouldContinuePolling: (state: { checks: number }) => state.checks < 3,
            initialDelay: { seconds: 5 },
            jitter: JitterStrategy.NONE,
          }),
        },
      );
      const [first, second] = await context.promise.all("both", [
        context.step("first", () => "one"),
        context.step("second", () => "two"),
      ]);
      const tax = await context.invoke("tax", "tax-function", { cents: 1000 });
      return { grouped, branches: branches.getResults(), polled, first, second, tax };
    }),
  };
}

/** A plain Lambda function for `context.invoke`. */
export const taxFunction = async (event: { cents: number }) => ({ taxCents: event.cents / 10 });
