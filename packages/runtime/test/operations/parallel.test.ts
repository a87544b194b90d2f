import { describe, expect, it } from "vitest";
import {
  ChildContextError,
  type DurableContext,
  NestingType,
  type ParallelBranch,
  retryPresets,
  StepError,
  withDurableExecution,
} from "../../src/index.js";
import { FakeService, id } from "../helpers/fake-service.js";

/** Loads a profile and orders in parallel; the orders branch finishes first. */
function loadCustomer(runs: string[] = []) {
  return withDurableExecution(async (_: unknown, context: DurableContext) => {
    const branches: ParallelBranch<string>[] = [
      async (branch) => {
        await branch.step("fetch", () => "waiting for orders");
        return branch.step("profile", () => {
          runs.push("profile");
          return "ada";
        });
      },
      {
        name: "orders",
        func: (branch) =>
          branch.step("orders", () => {
            runs.push("orders");
            return "3 orders";
          }),
      },
    ];
    const result = await context.parallel("load", branches);
    return { results: result.getResults(), reason: result.completionReason };
  });
}

describe("context.parallel", () => {
  it("checkpoints a Parallel CONTEXT holding one ParallelBranch CONTEXT per branch", async () => {
    const service = new FakeService();

    await service.invoke(loadCustomer());

    const contexts = service.updates.filter((u) => u.Type === "CONTEXT");
    expect(contexts.map((u) => [u.Action, u.SubType, u.Name, u.Id, u.ParentId])).toEqual([
      ["START", "Parallel", "load", id("1"), undefined],
      ["START", "ParallelBranch", "parallel-branch-0", id("1-1"), id("1")],
      ["START", "ParallelBranch", "orders", id("1-2"), id("1")],
      ["SUCCEED", "ParallelBranch", "orders", id("1-2"), id("1")],
      ["SUCCEED", "ParallelBranch", "parallel-branch-0", id("1-1"), id("1")],
      ["SUCCEED", "Parallel", "load", id("1"), undefined],
    ]);
  });

  it("returns results in branch order, whatever order the branches finished in", async () => {
    const service = new FakeService();

    await expect(service.invoke(loadCustomer())).resolves.toEqual({
      Status: "SUCCEEDED",
      Result: JSON.stringify({ results: ["ada", "3 orders"], reason: "ALL_COMPLETED" }),
    });
  });

  it("returns the stored result on replay without running the branches", async () => {
    const service = new FakeService();
    const runs: string[] = [];
    const live = await service.invoke(loadCustomer(runs));

    const replayed = await service.invoke(loadCustomer(runs));

    expect(replayed).toEqual(live);
    expect(runs.sort()).toEqual(["orders", "profile"]);
  });

  it("completes at the first failure by default; throwIfError throws that branch's error", async () => {
    const service = new FakeService();
    let thrown: unknown;
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      const result = await context.parallel(
        [
          (branch) =>
            branch.step(
              "charge",
              () => {
                throw new Error("card declined");
              },
              { retryStrategy: retryPresets.noRetry },
            ),
        ],
        {},
      );
      try {
        result.throwIfError();
      } catch (error) {
        thrown = error;
      }
      return [result.status, result.completionReason];
    });

    await expect(service.invoke(handler)).resolves.toEqual({
      Status: "SUCCEEDED",
      Result: '["FAILED","FAILURE_TOLERANCE_EXCEEDED"]',
    });
    expect(thrown).toBeInstanceOf(ChildContextError);
    expect((thrown as Error).message).toBe("card declined");
  });

  it("fails the execution when a branch is neither a function nor { name, func }", async () => {
    const service = new FakeService();
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) =>
      context.parallel("load", [async () => 1, { name: "broken" } as never]),
    );

    await expect(service.invoke(handler)).resolves.toEqual({
      Status: "FAILED",
      Error: {
        ErrorType: "DurableConfigError",
        ErrorMessage: 'parallel "load": branch 1 must be a function or { name?, func }.',
      },
    });
    expect(service.requests).toEqual([]);
  });

  it("fails the execution when branches is not an array", async () => {
    const service = new FakeService();
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) =>
      context.parallel("load", undefined as never),
    );

    await expect(service.invoke(handler)).resolves.toEqual({
      Status: "FAILED",
      Error: {
        ErrorType: "DurableConfigError",
        ErrorMessage: 'parallel "load": branches must be an array of functions or { name, func }.',
      },
    });
  });
});

describe("a failed parallel branch", () => {
  it.each([NestingType.NESTED, NestingType.FLAT])(
    "keeps a StepError as its error's cause, live and on replay (%s)",
    async (nesting) => {
      const service = new FakeService();
      const causes: unknown[] = [];
      const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
        const result = await context.parallel(
          "load",
          [
            (branch) =>
              branch.step(
                () => {
                  throw new Error("profile service down");
                },
                { retryStrategy: retryPresets.noRetry },
              ),
          ],
          { nesting, completionConfig: { toleratedFailureCount: 1 } },
        );
        const cause = result.getErrors()[0]?.cause;
        causes.push([cause instanceof StepError, (cause as Error).message]);
        await context.wait({ seconds: 1 });
        return "loaded";
      });
      await service.invoke(handler);
      service.change("2", { Status: "SUCCEEDED" });

      await service.invoke(handler);

      expect(causes).toEqual([
        [true, "profile service down"],
        [true, "profile service down"],
      ]);
    },
  );
});
