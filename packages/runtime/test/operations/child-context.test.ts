import { describe, expect, it } from "vitest";
import {
  ChildContextError,
  type DurableContext,
  InvokeError,
  withDurableExecution,
} from "../../src/index.js";
import { FakeService, id } from "../helpers/fake-service.js";

/** What user code sees of a caught error, to compare a live failure with its replay. */
function seen(error: unknown) {
  const { name, message, cause } = error as Error & { cause?: Error };
  return {
    isChildContextError: error instanceof ChildContextError,
    name,
    message,
    cause: cause?.name,
  };
}

describe("context.runInChildContext on the wire", () => {
  it("checkpoints a CONTEXT whose operations carry its id as ParentId and child step ids", async () => {
    const service = new FakeService();
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) =>
      context.runInChildContext("address", async (child) => {
        const street = await child.step("normalize", () => "1 Main St");
        return child.runInChildContext(async (grandchild) =>
          grandchild.step("geocode", () => `${street} @ 0,0`),
        );
      }),
    );

    await expect(service.invoke(handler)).resolves.toEqual({
      Status: "SUCCEEDED",
      Result: '"1 Main St @ 0,0"',
    });
    expect(service.updates.map((u) => [u.Action, u.Type, u.Name, u.Id, u.ParentId])).toEqual([
      ["START", "CONTEXT", "address", id("1"), undefined],
      ["START", "STEP", "normalize", id("1-1"), id("1")],
      ["SUCCEED", "STEP", "normalize", id("1-1"), id("1")],
      ["START", "CONTEXT", undefined, id("1-2"), id("1")],
      ["START", "STEP", "geocode", id("1-2-1"), id("1-2")],
      ["SUCCEED", "STEP", "geocode", id("1-2-1"), id("1-2")],
      ["SUCCEED", "CONTEXT", undefined, id("1-2"), id("1")],
      ["SUCCEED", "CONTEXT", "address", id("1"), undefined],
    ]);
    expect(service.updates.at(-1)).toEqual({
      Id: id("1"),
      Name: "address",
      Type: "CONTEXT",
      SubType: "RunInChildContext",
      Action: "SUCCEED",
      Payload: '"1 Main St @ 0,0"',
    });
  });

  it("sends its outcome with whatever the parent starts next", async () => {
    const service = new FakeService();
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      await context.runInChildContext("group", (child) => child.step("inside", () => "grouped"));
      return context.step("after", () => "next");
    });

    await service.invoke(handler);

    expect(service.requests.map((r) => r.Updates?.map((u) => `${u.Action} ${u.Name}`))).toEqual([
      ["START group", "START inside", "SUCCEED inside"],
      ["SUCCEED group", "START after", "SUCCEED after"],
    ]);
  });

  it("gives concurrent child contexts ids that do not depend on how they interleave", async () => {
    const service = new FakeService();
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) =>
      Promise.all([
        context.runInChildContext("slow", async (child) => {
          await child.step("a", () => 1);
          return child.step("b", () => 2);
        }),
        context.runInChildContext("fast", async (child) => child.step("c", () => 3)),
      ]),
    );

    await service.invoke(handler);

    const ids = Object.fromEntries(
      service.updates.filter((u) => u.Type === "STEP").map((u) => [u.Name, u.Id]),
    );
    expect(ids).toEqual({ a: id("1-1"), b: id("1-2"), c: id("2-1") });
  });

  it("uses the SubType it is given", async () => {
    const service = new FakeService();
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) =>
      context.runInChildContext("batch", async () => 1, { subType: "Custom" }),
    );

    await service.invoke(handler);

    expect(service.updates.map((update) => update.SubType)).toEqual(["Custom", "Custom"]);
  });

  it("fails the execution when given no function", async () => {
    const service = new FakeService();
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) =>
      context.runInChildContext("group", undefined as never),
    );

    await expect(service.invoke(handler)).resolves.toEqual({
      Status: "FAILED",
      Error: {
        ErrorType: "DurableConfigError",
        ErrorMessage: 'runInChildContext "group": expected a function, got undefined.',
      },
    });
  });
});

describe("context.runInChildContext failures", () => {
  it("checkpoints FAIL and throws the same ChildContextError live and on replay", async () => {
    const service = new FakeService();
    let bodyRuns = 0;
    const caught: unknown[] = [];
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      try {
        await context.runInChildContext("validate", async () => {
          bodyRuns += 1;
          throw new TypeError("address is missing");
        });
      } catch (error) {
        caught.push(error);
      }
      return "handled";
    });

    await service.invoke(handler);
    await service.invoke(handler);

    expect(bodyRuns).toBe(1);
    // As the official SDK rebuilds it: an error type it does not know becomes a StepError,
    // whose own cause keeps the recorded type.
    const expected = {
      isChildContextError: true,
      name: "ChildContextError",
      message: "address is missing",
      cause: "StepError",
    };
    expect(caught.map(seen)).toEqual([expected, expected]);
    expect(caught.map((error) => ((error as Error).cause as Error).cause)).toMatchObject([
      { name: "TypeError", message: "address is missing" },
      { name: "TypeError", message: "address is missing" },
    ]);
    expect(service.updates.at(-1)).toEqual({
      Id: id("1"),
      Name: "validate",
      Type: "CONTEXT",
      SubType: "RunInChildContext",
      Action: "FAIL",
      Error: { ErrorType: "TypeError", ErrorMessage: "address is missing" },
    });
  });

  it("throws what its errorMapper returns, live and on replay, and records the function's own error", async () => {
    const service = new FakeService();
    const thrown: unknown[] = [];
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      try {
        await context.runInChildContext(
          "validate",
          async () => {
            throw new RangeError("raw detail");
          },
          {
            errorMapper: (error) => new InvokeError(`mapped: ${error.message}`, error, "x"),
          },
        );
      } catch (error) {
        thrown.push(error);
      }
      return "handled";
    });

    await service.invoke(handler);
    await service.invoke(handler);

    expect(service.operation("1")?.ContextDetails?.Error).toEqual({
      ErrorType: "RangeError",
      ErrorMessage: "raw detail",
    });
    const seen = (error: unknown) => [
      error instanceof InvokeError,
      (error as Error).message,
      ((error as Error).cause as Error).name,
    ];
    expect(thrown.map(seen)).toEqual([
      [true, "mapped: raw detail", "StepError"],
      [true, "mapped: raw detail", "StepError"],
    ]);
  });
});

describe("context.runInChildContext on replay", () => {
  it("returns the stored result without running the function", async () => {
    const service = new FakeService().record("1", {
      Type: "CONTEXT",
      SubType: "RunInChildContext",
      Name: "address",
      Status: "SUCCEEDED",
      ContextDetails: { Result: '{"lat":1}' },
    });
    let bodyRuns = 0;
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) =>
      context.runInChildContext("address", async () => {
        bodyRuns += 1;
        return { lat: 2 };
      }),
    );

    await expect(service.invoke(handler)).resolves.toEqual({
      Status: "SUCCEEDED",
      Result: '{"lat":1}',
    });
    expect(bodyRuns).toBe(0);
    expect(service.requests).toEqual([]);
  });

  it("runs an unfinished context again, replaying what its children recorded", async () => {
    const service = new FakeService()
      .record("1", { Type: "CONTEXT", SubType: "RunInChildContext", Name: "g", Status: "STARTED" })
      .record("1-1", {
        Type: "STEP",
        SubType: "Step",
        Name: "first",
        Status: "SUCCEEDED",
        StepDetails: { Result: '"from the log"' },
      });
    const ran: string[] = [];
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) =>
      context.runInChildContext("g", async (child) => {
        const first = await child.step("first", () => {
          ran.push("first");
          return "again";
        });
        const second = await child.step("second", () => {
          ran.push("second");
          return "new";
        });
        return [first, second];
      }),
    );

    await expect(service.invoke(handler)).resolves.toEqual({
      Status: "SUCCEEDED",
      Result: '["from the log","new"]',
    });
    expect(ran).toEqual(["second"]);
    expect(service.updates.map((u) => `${u.Action} ${u.Name}`)).toEqual([
      "START second",
      "SUCCEED second",
      "SUCCEED g",
    ]);
  });
});

describe("context.runInChildContext with a result over 256 KB", () => {
  const bigReport = (summary?: (result: string) => string) =>
    withDurableExecution(async (_: unknown, context: DurableContext) => {
      const report = await context.runInChildContext(
        "report",
        async (child) => {
          const seed = await child.step("seed", () => "x");
          return seed.repeat(300 * 1024);
        },
        summary === undefined ? {} : { summaryGenerator: summary },
      );
      return report.length;
    });

  it("checkpoints SUCCEED with ReplayChildren and the summary instead of the result", async () => {
    const service = new FakeService();

    await expect(
      service.invoke(bigReport((result) => `${result.length} characters`)),
    ).resolves.toEqual({ Status: "SUCCEEDED", Result: "307200" });
    expect(service.updates.at(-1)).toEqual({
      Id: id("1"),
      Name: "report",
      Type: "CONTEXT",
      SubType: "RunInChildContext",
      Action: "SUCCEED",
      Payload: "307200 characters",
      ContextOptions: { ReplayChildren: true },
    });
  });

  it("stores an empty summary when no summaryGenerator is given", async () => {
    const service = new FakeService();

    await service.invoke(bigReport());

    expect(service.updates.at(-1)).toMatchObject({
      Payload: "",
      ContextOptions: { ReplayChildren: true },
    });
  });

  it("rebuilds the result on replay from its children's records without running them", async () => {
    const service = new FakeService()
      .record("1", {
        Type: "CONTEXT",
        SubType: "RunInChildContext",
        Name: "report",
        Status: "SUCCEEDED",
        ContextDetails: { Result: "", ReplayChildren: true },
      })
      .record("1-1", {
        Type: "STEP",
        SubType: "Step",
        Name: "seed",
        Status: "SUCCEEDED",
        StepDetails: { Result: '"y"' },
      });

    await expect(service.invoke(bigReport())).resolves.toEqual({
      Status: "SUCCEEDED",
      Result: "307200",
    });
    expect(service.requests).toEqual([]);
  });
});
