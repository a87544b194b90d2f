import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";
import { describe, expect, it } from "vitest";
import { checkReplay, runDurable } from "../src/index.js";

describe("context misuse", () => {
  it("fails the execution when a child context's function uses the parent context", async () => {
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) =>
      context.runInChildContext("group", async () => context.step("wrong-context", () => 1)),
    );
    const run = await runDurable(handler);

    expect(run.status).toBe("FAILED");
    expect(run.error).toEqual({
      ErrorType: "ContextUsageError",
      ErrorMessage:
        'Step "wrong-context" was started on a parent or sibling context inside child context 1. Inside runInChildContext, use the child context your function receives.',
    });
  });

  it("fails the execution when a step body starts a durable operation", async () => {
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) =>
      context.step("outer", async () => context.wait("inner", { seconds: 1 })),
    );
    const run = await runDurable(handler);

    expect(run.status).toBe("FAILED");
    expect(run.error?.ErrorMessage).toBe(
      'Wait "inner" was started inside Step "outer". A step body cannot start durable operations; use runInChildContext to group operations.',
    );
  });
});

describe("large child context results", () => {
  it("rebuilds a result over 256 KB on replay without running its steps again", async () => {
    let bodyRuns = 0;
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      const big = await context.runInChildContext("build-report", async (child) => {
        const seed = await child.step("seed", () => {
          bodyRuns += 1;
          return "x";
        });
        return seed.repeat(300 * 1024);
      });
      await context.wait({ seconds: 1 });
      return big.length;
    });
    const run = await runDurable(handler);

    expect(run.result).toBe(300 * 1024);
    expect(bodyRuns).toBe(1);
    expect(run.getOperation("build-report").ContextDetails?.ReplayChildren).toBe(true);
    expect(run.timeline).toMatch(
      /child context "build-report" succeeded, its result too large to store \(rebuilt on replay\)\n/,
    );
    await checkReplay(handler);
  });
});
