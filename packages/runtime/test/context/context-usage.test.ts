import { describe, expect, it } from "vitest";
import { type DurableContext, withDurableExecution } from "../../src/index.js";
import { FakeService } from "../helpers/fake-service.js";

describe("context misuse", () => {
  it("fails the execution when a child context's function uses a sibling's context", async () => {
    const service = new FakeService();
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      let first: DurableContext | undefined;
      await context.runInChildContext("first", async (child) => {
        first = child;
      });
      return context.runInChildContext("second", async () => first!.step("stray", () => 1));
    });

    await expect(service.invoke(handler)).resolves.toEqual({
      Status: "FAILED",
      Error: {
        ErrorType: "ContextUsageError",
        ErrorMessage:
          'Step "stray" was started on a parent or sibling context inside child context 2. Inside runInChildContext, use the child context your function receives.',
      },
    });
  });

  it("fails the execution, whatever the handler catches, when a check starts an operation", async () => {
    const service = new FakeService();
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      try {
        return await context.waitForCondition(
          "poll",
          async (state: number) => {
            await context.wait("inner", { seconds: 1 });
            return state;
          },
          { initialState: 0, waitStrategy: () => ({ shouldContinue: false }) },
        );
      } catch {
        return "caught";
      }
    });

    await expect(service.invoke(handler)).resolves.toEqual({
      Status: "FAILED",
      Error: {
        ErrorType: "ContextUsageError",
        ErrorMessage:
          'Wait "inner" was started inside WaitForCondition "poll". A step body cannot start durable operations; use runInChildContext to group operations.',
      },
    });
  });
});
