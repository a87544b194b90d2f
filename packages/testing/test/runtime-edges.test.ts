import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";
import { describe, expect, it } from "vitest";
import { runDurable } from "../src/index.js";

/** Runtime behaviour at the edges of its API, run end to end on the in-memory service. */
describe("runtime edge cases", () => {
  it("fails waitForCondition, with a checkpointed FAIL, when the wait strategy returns nothing", async () => {
    const handler = withDurableExecution(async (_input: unknown, context: DurableContext) => {
      try {
        return await context.waitForCondition("poll", async (state: number) => state + 1, {
          initialState: 0,
          waitStrategy: () => undefined as never,
        });
      } catch (error) {
        return `caught ${(error as Error).name}`;
      }
    });

    const run = await runDurable(handler);

    expect(run.status).toBe("SUCCEEDED");
    expect(run.result).toBe("caught WaitForConditionError");
    expect(run.operations.find((operation) => operation.Name === "poll")?.Status).toBe("FAILED");
  });

  it("takes null for an optional config, as plain JavaScript callers pass it", async () => {
    const handler = withDurableExecution(async (_input: unknown, context: DurableContext) => {
      const one = await context.step("one", async () => 1, null as never);
      const two = await context.runInChildContext("two", async () => 2, null as never);
      const batch = await context.map("three", [3], async (_child, item) => item, {
        completionConfig: null as never,
      });
      return [one, two, ...batch.getResults()];
    });

    const run = await runDurable(handler);

    expect(run.status).toBe("SUCCEEDED");
    expect(run.result).toEqual([1, 2, 3]);
  });
});
