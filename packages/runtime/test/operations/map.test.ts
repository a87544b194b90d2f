import { describe, expect, it } from "vitest";
import {
  BatchCompletionError,
  type BatchResult,
  ChildContextError,
  CompletionOutcome,
  completeBatch,
  continueBatch,
  type DurableContext,
  type MapConfig,
  NestingType,
  retryPresets,
  StepError,
  withDurableExecution,
} from "../../src/index.js";
import { FakeService, id } from "../helpers/fake-service.js";

/** The parts of a BatchResult a test compares. */
function outline(result: BatchResult<unknown>) {
  return {
    completionReason: result.completionReason,
    status: result.status,
    items: result.all.map((item) => [item.index, item.status, item.result ?? item.error?.message]),
    counts: [result.successCount, result.failureCount, result.startedCount, result.totalCount],
  };
}

/**
 * A map over `values` that doubles each in a step and fails, without retries, for negative ones.
 * `results` collects the BatchResult the handler saw on each invocation.
 */
function doubleAll(values: number[], config: MapConfig<number, number> = {}) {
  const results: ReturnType<typeof outline>[] = [];
  const runs: number[] = [];
  const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
    const result = await context.map(
      "double",
      values,
      (item, value) =>
        item.step(
          "times-two",
          () => {
            runs.push(value);
            if (value < 0) throw new Error(`cannot double ${value}`);
            return value * 2;
          },
          { retryStrategy: retryPresets.noRetry },
        ),
      config,
    );
    results.push(outline(result));
    return result.getResults();
  });
  return { handler, results, runs };
}

const itemUpdates = (service: FakeService) =>
  service.updates.filter((u) => u.SubType === "MapIteration").map((u) => `${u.Action} ${u.Name}`);

describe("context.map on the wire", () => {
  it("checkpoints a Map CONTEXT holding one MapIteration CONTEXT per item, named by index", async () => {
    const service = new FakeService();
    const { handler, results } = doubleAll([1, 2]);

    await expect(service.invoke(handler)).resolves.toEqual({
      Status: "SUCCEEDED",
      Result: "[2,4]",
    });
    const contexts = service.updates.filter((u) => u.Type === "CONTEXT");
    expect(contexts.map((u) => [u.Action, u.SubType, u.Name, u.Id, u.ParentId])).toEqual([
      ["START", "Map", "double", id("1"), undefined],
      ["START", "MapIteration", "map-item-0", id("1-1"), id("1")],
      ["START", "MapIteration", "map-item-1", id("1-2"), id("1")],
      ["SUCCEED", "MapIteration", "map-item-0", id("1-1"), id("1")],
      ["SUCCEED", "MapIteration", "map-item-1", id("1-2"), id("1")],
      ["SUCCEED", "Map", "double", id("1"), undefined],
    ]);
    const stepStarts = service.updates.filter((u) => u.Type === "STEP" && u.Action === "START");
    expect(stepStarts.map((u) => [u.Id, u.ParentId])).toEqual([
      [id("1-1-1"), id("1-1")],
      [id("1-2-1"), id("1-2")],
    ]);
    expect(results).toEqual([
      {
        completionReason: "ALL_COMPLETED",
        status: "SUCCEEDED",
        items: [
          [0, "SUCCEEDED", 2],
          [1, "SUCCEEDED", 4],
        ],
        counts: [2, 0, 0, 2],
      },
    ]);
  });

  it("names items with itemNamer", async () => {
    const service = new FakeService();
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) =>
      context.map("greet", ["ada", "bob"], async (_item, name) => `hi ${name}`, {
        itemNamer: (name, index) => `${index}-${name}`,
      }),
    );

    await service.invoke(handler);

    expect(itemUpdates(service).filter((u) => u.startsWith("START"))).toEqual([
      "START 0-ada",
      "START 1-bob",
    ]);
  });

  it("starts the next item only after one finished when maxConcurrency is 1", async () => {
    const service = new FakeService();
    const { handler } = doubleAll([1, 2], { maxConcurrency: 1 });

    await service.invoke(handler);

    expect(itemUpdates(service)).toEqual([
      "START map-item-0",
      "SUCCEED map-item-0",
      "START map-item-1",
      "SUCCEED map-item-1",
    ]);
  });

  it("completes an empty list at once", async () => {
    const service = new FakeService();
    const { handler, results } = doubleAll([]);

    await expect(service.invoke(handler)).resolves.toEqual({ Status: "SUCCEEDED", Result: "[]" });
    expect(results[0]).toEqual({
      completionReason: "ALL_COMPLETED",
      status: "SUCCEEDED",
      items: [],
      counts: [0, 0, 0, 0],
    });
    expect(service.updates.map((u) => `${u.Action} ${u.SubType}`)).toEqual([
      "START Map",
      "SUCCEED Map",
    ]);
  });

  it("checkpoints no context per item with FLAT nesting, parenting their operations to the Map", async () => {
    const service = new FakeService();
    const { handler } = doubleAll([1, 2], { nesting: NestingType.FLAT });

    await expect(service.invoke(handler)).resolves.toEqual({
      Status: "SUCCEEDED",
      Result: "[2,4]",
    });
    const starts = service.updates.filter((u) => u.Action === "START");
    expect(starts.map((u) => [u.Type, u.Id, u.ParentId])).toEqual([
      ["CONTEXT", id("1"), undefined],
      ["STEP", id("1-1-1"), id("1")],
      ["STEP", id("1-2-1"), id("1")],
    ]);
  });
});

describe("context.map completion", () => {
  it("completes at the first failure by default and starts no more items", async () => {
    const service = new FakeService();
    const { handler, results } = doubleAll([1, -1, 3], { maxConcurrency: 1 });

    await service.invoke(handler);

    expect(results).toEqual([
      {
        completionReason: "FAILURE_TOLERANCE_EXCEEDED",
        status: "FAILED",
        items: [
          [0, "SUCCEEDED", 2],
          [1, "FAILED", "cannot double -1"],
        ],
        counts: [1, 1, 0, 2],
      },
    ]);
    expect(itemUpdates(service)).not.toContain("START map-item-2");
  });

  it("runs every item when failures stay within toleratedFailureCount", async () => {
    const service = new FakeService();
    const { handler, results } = doubleAll([1, -1, 3], {
      maxConcurrency: 1,
      completionConfig: { toleratedFailureCount: 1 },
    });

    await expect(service.invoke(handler)).resolves.toEqual({
      Status: "SUCCEEDED",
      Result: "[2,6]",
    });
    expect(results[0]).toMatchObject({ completionReason: "ALL_COMPLETED", counts: [2, 1, 0, 3] });
  });

  it("completes once more than toleratedFailurePercentage of all items failed", async () => {
    const service = new FakeService();
    const { handler, results } = doubleAll([-1, -2, 3, 4], {
      maxConcurrency: 1,
      completionConfig: { toleratedFailurePercentage: 25 },
    });

    await service.invoke(handler);

    expect(results[0]).toMatchObject({
      completionReason: "FAILURE_TOLERANCE_EXCEEDED",
      counts: [0, 2, 0, 2],
    });
  });

  it("cuts off items still running once minSuccessful is reached, dropping what they send later", async () => {
    const service = new FakeService();
    let release!: (value: string) => void;
    const slow = new Promise<string>((resolve) => {
      release = resolve;
    });
    let seen: ReturnType<typeof outline> | undefined;
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      const result = await context.map(
        "race",
        ["fast", "slow"],
        (item, speed) => item.step("work", () => (speed === "slow" ? slow : speed)),
        { completionConfig: { minSuccessful: 1 } },
      );
      seen = outline(result);
      return result.getResults();
    });

    await expect(service.invoke(handler)).resolves.toEqual({
      Status: "SUCCEEDED",
      Result: '["fast"]',
    });
    release("too late");
    for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));

    expect(seen).toEqual({
      completionReason: "MIN_SUCCESSFUL_REACHED",
      status: "SUCCEEDED",
      items: [
        [0, "SUCCEEDED", "fast"],
        [1, "STARTED", undefined],
      ],
      counts: [1, 0, 1, 2],
    });
    expect(service.updates.filter((u) => u.ParentId === id("1-2"))).toEqual([
      {
        Id: id("1-2-1"),
        ParentId: id("1-2"),
        Name: "work",
        Type: "STEP",
        SubType: "Step",
        Action: "START",
      },
    ]);
    expect(service.operation("1-2")?.Status).toBe("STARTED");
  });

  it("completes as its shouldComplete decides, and throwIfError reports a failed verdict", async () => {
    const service = new FakeService();
    let thrown: unknown;
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      const result = await context.map("check", [1, 2, 3], async (_item, value) => value, {
        maxConcurrency: 1,
        completionConfig: {
          shouldComplete: ({ completedCount }) =>
            completedCount === 2 ? completeBatch(CompletionOutcome.FAILED) : continueBatch(),
        },
      });
      try {
        result.throwIfError();
      } catch (error) {
        thrown = error;
      }
      return outline(result);
    });

    const output = await service.invoke(handler);

    expect(JSON.parse((output as { Result: string }).Result)).toEqual({
      completionReason: "CUSTOM_COMPLETION_FAILED",
      status: "FAILED",
      items: [
        [0, "SUCCEEDED", 1],
        [1, "SUCCEEDED", 2],
      ],
      counts: [2, 0, 0, 2],
    });
    expect(thrown).toBeInstanceOf(BatchCompletionError);
    expect((thrown as Error).message).toBe("Batch completed as failed (CUSTOM_COMPLETION_FAILED)");
  });
});

describe("context.map on replay", () => {
  it("returns the stored BatchResult on replay without running the items", async () => {
    const service = new FakeService();
    const { handler, results, runs } = doubleAll([1, -1], {
      completionConfig: { toleratedFailureCount: 1 },
    });

    await service.invoke(handler);
    await service.invoke(handler);

    expect(runs).toEqual([1, -1]);
    expect(results).toHaveLength(2);
    expect(results[1]).toEqual(results[0]);
  });

  it.each([NestingType.NESTED, NestingType.FLAT])(
    "rebuilds item errors on replay as the ChildContextError, cause included, seen live (%s)",
    async (nesting) => {
      const service = new FakeService();
      const errors: unknown[][] = [];
      const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
        const result = await context.map(
          "double",
          [-1],
          (item, value) =>
            item.step(
              () => {
                throw new RangeError(`cannot double ${value}`);
              },
              { retryStrategy: retryPresets.noRetry },
            ),
          { nesting, completionConfig: { toleratedFailureCount: 1 } },
        );
        errors.push(
          result
            .getErrors()
            .map((error) => [
              error instanceof ChildContextError,
              error.message,
              (error.cause as Error).name,
              error.cause instanceof StepError,
            ]),
        );
        return "handled";
      });

      await service.invoke(handler);
      await service.invoke(handler);

      expect(errors).toEqual([
        [[true, "cannot double -1", "StepError", true]],
        [[true, "cannot double -1", "StepError", true]],
      ]);
    },
  );

  it("stores a failed item's error with its cause chain, in the official SDK's shape", async () => {
    const service = new FakeService();
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      await context.map(
        "double",
        [-1],
        (item, value) =>
          item.step(
            () => {
              throw new RangeError(`cannot double ${value}`);
            },
            { retryStrategy: retryPresets.noRetry },
          ),
        { completionConfig: { toleratedFailureCount: 1 } },
      );
      return "handled";
    });

    await service.invoke(handler);

    const stored = JSON.parse(service.operation("1")?.ContextDetails?.Result ?? "{}");
    expect(stored.all[0].error).toEqual({
      ErrorType: "ChildContextError",
      ErrorMessage: "cannot double -1",
      Cause: {
        ErrorType: "StepError",
        ErrorMessage: "cannot double -1",
        Cause: { ErrorType: "StepError", ErrorMessage: "cannot double -1" },
      },
    });
  });

  it.each([
    [
      "the official SDK's shape",
      {
        ErrorType: "ChildContextError",
        ErrorMessage: "declined",
        Cause: { ErrorType: "StepError", ErrorMessage: "declined" },
      },
    ],
    [
      "the shape stored before causes were kept",
      { ErrorType: "StepError", ErrorMessage: "declined" },
    ],
  ])("reads a stored item error in %s with a StepError cause", async (_, error) => {
    const service = new FakeService().record("1", {
      Type: "CONTEXT",
      SubType: "Map",
      Name: "charge",
      Status: "SUCCEEDED",
      ContextDetails: {
        Result: JSON.stringify({
          all: [{ index: 0, status: "FAILED", error }],
          completionReason: "ALL_COMPLETED",
        }),
      },
    });
    const seen: unknown[] = [];
    const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
      const result = await context.map("charge", [1], (item) => item.step(() => 1));
      const [first] = result.getErrors();
      seen.push(
        first instanceof ChildContextError,
        first?.message,
        first?.cause instanceof StepError,
      );
      return "read";
    });

    await service.invoke(handler);

    expect(seen).toEqual([true, "declined", true]);
  });

  it("runs again only the items of an unfinished map that did not finish", async () => {
    const service = new FakeService()
      .record("1", { Type: "CONTEXT", SubType: "Map", Name: "double", Status: "STARTED" })
      .record("1-1", {
        Type: "CONTEXT",
        SubType: "MapIteration",
        Name: "map-item-0",
        Status: "SUCCEEDED",
        ContextDetails: { Result: "2" },
      });
    const { handler, runs } = doubleAll([1, 2]);

    await expect(service.invoke(handler)).resolves.toEqual({
      Status: "SUCCEEDED",
      Result: "[2,4]",
    });
    expect(runs).toEqual([2]);
  });

  // Two 150 KB results make the BatchResult too large to store, so a summary is stored; the
  // third item is still running, STARTED, when minSuccessful completes the map.
  it.each([NestingType.NESTED, NestingType.FLAT])(
    "rebuilds a result stored as a summary from its items' records, the same as it was live (%s)",
    async (nesting) => {
      const service = new FakeService();
      const big = "x".repeat(150 * 1024);
      let release!: (value: string) => void;
      const slow = new Promise<string>((resolve) => {
        release = resolve;
      });
      const results: ReturnType<typeof outline>[] = [];
      const runs: string[] = [];
      const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
        const result = await context.map(
          "export",
          ["a", "b", "slow"],
          (item, name) =>
            item.step("work", () => {
              runs.push(name);
              return name === "slow" ? slow : `${name}${big}`;
            }),
          { nesting, completionConfig: { minSuccessful: 2 } },
        );
        results.push({ ...outline(result), items: result.all.map((i) => [i.index, i.status]) });
        // The cut-off item's body may end now; the invocation cannot suspend while it runs.
        release("late");
        await context.wait({ seconds: 1 });
        return "done";
      });

      await expect(service.invoke(handler)).resolves.toEqual({ Status: "PENDING" });
      service.change("2", { Status: "SUCCEEDED" });
      await expect(service.invoke(handler)).resolves.toEqual({
        Status: "SUCCEEDED",
        Result: '"done"',
      });

      expect(service.operation("1")?.ContextDetails).toEqual({
        ReplayChildren: true,
        Result: JSON.stringify({
          type: "MapResult",
          totalCount: 3,
          successCount: 2,
          failureCount: 0,
          completionReason: "MIN_SUCCESSFUL_REACHED",
          status: "SUCCEEDED",
          itemStatuses: "SS-",
        }),
      });
      expect(runs).toEqual(["a", "b", "slow"]);
      expect(results[1]).toEqual(results[0]);
    },
  );
});

describe("context.map configuration", () => {
  it.each([
    [
      { maxConcurrency: 0 },
      'map "double": maxConcurrency must be a whole number of 1 or more, got 0.',
    ],
    [
      { completionConfig: { toleratedFailurePercentage: 120 } },
      'map "double": toleratedFailurePercentage must be from 0 to 100, got 120.',
    ],
    [
      { completionConfig: { minSuccessful: -1 } },
      'map "double": minSuccessful must be a whole number of 0 or more, got -1.',
    ],
    [{ nesting: "DEEP" }, 'map "double": nesting must be NESTED or FLAT, got DEEP.'],
  ])("fails the execution for the config %j", async (config, message) => {
    const service = new FakeService();
    const { handler } = doubleAll([1], config as MapConfig<number, number>);

    await expect(service.invoke(handler)).resolves.toEqual({
      Status: "FAILED",
      Error: { ErrorType: "DurableConfigError", ErrorMessage: message },
    });
    expect(service.requests).toEqual([]);
  });

  it("fails the execution when items is not an array", async () => {
    const service = new FakeService();
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) =>
      context.map("double", "1,2" as never, async () => 0),
    );

    await expect(service.invoke(handler)).resolves.toEqual({
      Status: "FAILED",
      Error: {
        ErrorType: "DurableConfigError",
        ErrorMessage: 'map "double": items must be an array, got string.',
      },
    });
  });
});
