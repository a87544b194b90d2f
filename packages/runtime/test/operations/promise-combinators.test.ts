import { describe, expect, it } from "vitest";
import {
  type DurableContext,
  PromiseCombinatorError,
  retryPresets,
  StepError,
  withDurableExecution,
} from "../../src/index.js";
import { FakeService, id } from "../helpers/fake-service.js";

/** A step that fails at once with `message`. */
const failing = (context: DurableContext, name: string, message: string) =>
  context.step(
    name,
    () => {
      throw new Error(message);
    },
    { retryStrategy: retryPresets.noRetry },
  );

/** How a caught error reads, to compare a live run with its replay. */
function describeError(error: unknown): string {
  const { name, message, cause } = error as Error & { cause?: Error };
  return `${name}: ${message} (cause ${cause?.name})`;
}

describe("context.promise.all", () => {
  it("takes its id when awaited and checkpoints the outcome as a RunInChildContext CONTEXT", async () => {
    const service = new FakeService();
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      const both = context.promise.all("both", [
        context.step("a", () => 1),
        context.step("b", () => 2),
      ]);
      await context.step("c", () => 3);
      return both;
    });

    await expect(service.invoke(handler)).resolves.toEqual({
      Status: "SUCCEEDED",
      Result: "[1,2]",
    });
    expect(service.updates.filter((u) => u.Action === "START").map((u) => [u.Name, u.Id])).toEqual([
      ["a", id("1")],
      ["b", id("2")],
      ["c", id("3")],
      ["both", id("4")],
    ]);
    expect(service.updates.at(-1)).toEqual({
      Id: id("4"),
      Name: "both",
      Type: "CONTEXT",
      SubType: "RunInChildContext",
      Action: "SUCCEED",
      Payload: "[1,2]",
    });
  });

  it("throws PromiseCombinatorError, live and on replay, when a promise rejects", async () => {
    const service = new FakeService();
    const caught: string[] = [];
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      try {
        await context.promise.all([context.step("ok", () => 1), failing(context, "bad", "nope")]);
      } catch (error) {
        caught.push(`${error instanceof PromiseCombinatorError} ${describeError(error)}`);
      }
      return "handled";
    });

    await service.invoke(handler);
    await service.invoke(handler);

    expect(caught).toEqual([
      "true PromiseCombinatorError: nope (cause StepError)",
      "true PromiseCombinatorError: nope (cause StepError)",
    ]);
    expect(service.operation("3")?.ContextDetails?.Error).toEqual({
      ErrorType: "StepError",
      ErrorMessage: "nope",
    });
  });
});

describe("context.promise.race", () => {
  it("returns the recorded winner on replay even when the promises settle in another order", async () => {
    const service = new FakeService();
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      const winner = await context.promise.race<unknown>("first", [
        context.wait("slow", { days: 1 }),
        context.step("quick", () => "quick"),
      ]);
      await context.wait("later", { seconds: 1 });
      return winner ?? "the wait";
    });

    await expect(service.invoke(handler)).resolves.toEqual({ Status: "PENDING" });
    service.change("1", { Status: "SUCCEEDED" }).change("4", { Status: "SUCCEEDED" });

    await expect(service.invoke(handler)).resolves.toEqual({
      Status: "SUCCEEDED",
      Result: '"quick"',
    });
    expect(service.operation("3")?.ContextDetails?.Result).toBe('"quick"');
  });
});

describe("context.promise.allSettled", () => {
  it("stores rejections as errors and rebuilds them as the same class on replay", async () => {
    const service = new FakeService();
    const outcomes: string[][] = [];
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      const settled = await context.promise.allSettled([
        context.step("ok", () => "fine"),
        failing(context, "bad", "nope"),
      ]);
      outcomes.push(
        settled.map((outcome) =>
          outcome.status === "fulfilled"
            ? `fulfilled ${outcome.value}`
            : `rejected ${outcome.reason instanceof StepError} ${(outcome.reason as Error).message}`,
        ),
      );
      return "settled";
    });

    await service.invoke(handler);
    await service.invoke(handler);

    expect(outcomes).toEqual([
      ["fulfilled fine", "rejected true nope"],
      ["fulfilled fine", "rejected true nope"],
    ]);
    expect(JSON.parse(service.operation("3")?.ContextDetails?.Result ?? "")).toEqual([
      { status: "fulfilled", value: "fine" },
      { status: "rejected", reason: { ErrorType: "StepError", ErrorMessage: "nope" } },
    ]);
  });
});

describe("context.promise.any", () => {
  it("returns the first promise that fulfils", async () => {
    const service = new FakeService();
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) =>
      context.promise.any([failing(context, "bad", "nope"), context.step("ok", () => "fine")]),
    );

    await expect(service.invoke(handler)).resolves.toEqual({
      Status: "SUCCEEDED",
      Result: '"fine"',
    });
  });

  it("throws PromiseCombinatorError listing every rejection when all reject", async () => {
    const service = new FakeService();
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) =>
      context.promise.any("either", [
        failing(context, "first", "no stock"),
        failing(context, "second", "no supplier"),
      ]),
    );

    await expect(service.invoke(handler)).resolves.toEqual({
      Status: "FAILED",
      Error: {
        ErrorType: "PromiseCombinatorError",
        ErrorMessage: "All 2 promises rejected: no stock; no supplier",
      },
    });
  });
});
