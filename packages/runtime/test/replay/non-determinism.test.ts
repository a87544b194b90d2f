import { describe, expect, it } from "vitest";
import {
  type DurableContext,
  NonDeterministicExecutionError,
  withDurableExecution,
} from "../../src/index.js";
import { FakeService, type RecordFields } from "../helpers/fake-service.js";

const HINT =
  "Code outside steps must repeat exactly on replay: move time, randomness and I/O into steps.";

const chargeStep = withDurableExecution(async (_: unknown, context: DurableContext) => {
  await context.step("charge", () => "charged");
  return context.step("ship", () => "shipped");
});

describe("replay of a changed code path", () => {
  it.each<[string, RecordFields, string]>([
    [
      "Type",
      { Type: "WAIT", SubType: "Wait", Name: "charge", Status: "SUCCEEDED" },
      'history has Wait "charge", code asked for Step "charge"',
    ],
    [
      "SubType",
      { Type: "STEP", SubType: "WaitForCondition", Name: "charge", Status: "SUCCEEDED" },
      'history has WaitForCondition "charge", code asked for Step "charge"',
    ],
    [
      "Name",
      { Type: "STEP", SubType: "Step", Status: "SUCCEEDED" },
      'history has Step (unnamed), code asked for Step "charge"',
    ],
  ])(
    "fails the execution with NonDeterministicExecutionError when the %s differs",
    async (_field, recorded, divergence) => {
      const service = new FakeService().record("1", recorded);

      await expect(service.invoke(chargeStep)).resolves.toEqual({
        Status: "FAILED",
        Error: {
          ErrorType: "NonDeterministicExecutionError",
          ErrorMessage: `Replay diverged at operation 1: ${divergence}. ${HINT}`,
          // The facts, for tools that read a failed replay (recorded histories).
          ErrorData: JSON.stringify({
            stepId: "1",
            recorded: { type: recorded.Type, subType: recorded.SubType, name: recorded.Name },
            requested: { type: "STEP", subType: "Step", name: "charge" },
          }),
        },
      });
      expect(service.requests).toEqual([]);
    },
  );

  it("names the position inside a child context", async () => {
    const service = new FakeService()
      .record("1", { Type: "CONTEXT", SubType: "RunInChildContext", Name: "g", Status: "STARTED" })
      .record("1-1", { Type: "STEP", SubType: "Step", Name: "a", Status: "SUCCEEDED" })
      .record("1-2", { Type: "STEP", SubType: "Step", Name: "b", Status: "SUCCEEDED" });
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) =>
      context.runInChildContext("g", async (child) => {
        await child.step("a", () => 1);
        return child.wait("b", { seconds: 1 });
      }),
    );

    const output = await service.invoke(handler);

    expect(output).toMatchObject({
      Status: "FAILED",
      Error: {
        ErrorType: "NonDeterministicExecutionError",
        ErrorMessage: `Replay diverged at operation 1-2: history has Step "b", code asked for Wait "b". ${HINT}`,
      },
    });
  });

  it("cannot be caught by the handler", async () => {
    const service = new FakeService().record("1", {
      Type: "STEP",
      SubType: "Step",
      Name: "refund",
      Status: "SUCCEEDED",
    });
    let caught: unknown;
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      try {
        await context.step("charge", () => "charged");
      } catch (error) {
        caught = error;
      }
      return "carried on";
    });

    await expect(service.invoke(handler)).resolves.toMatchObject({
      Status: "FAILED",
      Error: { ErrorType: "NonDeterministicExecutionError" },
    });
    expect(caught).toBeUndefined();
  });

  it("exposes the position and both signatures on the error", () => {
    const error = new NonDeterministicExecutionError(
      "2-1",
      { type: "STEP", subType: "Step", name: "a" },
      { type: "WAIT", subType: "Wait", name: undefined },
    );

    expect(error).toMatchObject({
      name: "NonDeterministicExecutionError",
      stepId: "2-1",
      recorded: { type: "STEP", subType: "Step", name: "a" },
      requested: { type: "WAIT", subType: "Wait", name: undefined },
    });
    expect(error.message).toBe(
      `Replay diverged at operation 2-1: history has Step "a", code asked for Wait (unnamed). ${HINT}`,
    );
  });

  it("compares nothing but Type, SubType and Name", async () => {
    const service = new FakeService().record("1", {
      Type: "WAIT",
      SubType: "Wait",
      Name: "pause",
      Status: "SUCCEEDED",
      WaitDetails: { ScheduledEndTimestamp: new Date("2026-01-02T00:00:00.000Z") },
    });
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      // The recorded wait was one day; the code now waits one hour at the same position.
      await context.wait("pause", { hours: 1 });
      return "resumed";
    });

    await expect(service.invoke(handler)).resolves.toEqual({
      Status: "SUCCEEDED",
      Result: '"resumed"',
    });
  });
});

describe("replay into new code", () => {
  it("sends only the operations past the last record", async () => {
    const service = new FakeService().record("1", {
      Type: "STEP",
      SubType: "Step",
      Name: "charge",
      Status: "SUCCEEDED",
      StepDetails: { Result: '"charged earlier"' },
    });

    await expect(service.invoke(chargeStep)).resolves.toEqual({
      Status: "SUCCEEDED",
      Result: '"shipped"',
    });
    expect(service.updates.map((update) => `${update.Action} ${update.Name}`)).toEqual([
      "START ship",
      "SUCCEED ship",
    ]);
  });

  it("replays a second invocation from the state the first one left", async () => {
    const service = new FakeService({ n: 5 });
    let bodyRuns = 0;
    const handler = withDurableExecution(async (input: { n: number }, context: DurableContext) => {
      const doubled = await context.step("double", () => {
        bodyRuns += 1;
        return input.n * 2;
      });
      await context.wait("pause", { hours: 1 });
      return context.step("add-one", () => doubled + 1);
    });

    await expect(service.invoke(handler)).resolves.toEqual({ Status: "PENDING" });
    service.change("2", { Status: "SUCCEEDED" });
    await expect(service.invoke(handler)).resolves.toEqual({ Status: "SUCCEEDED", Result: "11" });

    expect(bodyRuns).toBe(1);
    expect(service.requests.map((r) => r.Updates?.map((u) => `${u.Action} ${u.Name}`))).toEqual([
      ["START double", "SUCCEED double"],
      ["START pause"],
      ["START add-one", "SUCCEED add-one"],
    ]);
  });
});
