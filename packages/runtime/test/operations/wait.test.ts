import { describe, expect, it } from "vitest";
import { type DurableContext, withDurableExecution } from "../../src/index.js";
import { FakeService, id } from "../helpers/fake-service.js";

const coolDown = withDurableExecution(async (_: unknown, context: DurableContext) => {
  await context.wait("cool-down", { days: 1, hours: 2, minutes: 3, seconds: 4 });
  return "cooled down";
});

describe("context.wait", () => {
  it("checkpoints one WAIT START with the total in seconds and suspends", async () => {
    const service = new FakeService();

    await expect(service.invoke(coolDown)).resolves.toEqual({ Status: "PENDING" });
    expect(service.requests).toHaveLength(1);
    expect(service.updates).toEqual([
      {
        Id: id("1"),
        Name: "cool-down",
        Type: "WAIT",
        SubType: "Wait",
        Action: "START",
        WaitOptions: { WaitSeconds: 93_784 },
      },
    ]);
  });

  it("resolves on replay once the service finished the wait, sending nothing for it", async () => {
    const service = new FakeService();
    await service.invoke(coolDown);
    service.change("1", { Status: "SUCCEEDED" });

    await expect(service.invoke(coolDown)).resolves.toEqual({
      Status: "SUCCEEDED",
      Result: '"cooled down"',
    });
    expect(service.updates.map((update) => update.Action)).toEqual(["START"]);
  });

  it("suspends again without a second START when the wait is still running", async () => {
    const service = new FakeService();
    await service.invoke(coolDown);

    await expect(service.invoke(coolDown)).resolves.toEqual({ Status: "PENDING" });
    expect(service.requests).toHaveLength(1);
  });

  it("continues in the same invocation when a checkpoint response says the wait fired", async () => {
    const service = new FakeService();
    service.onCheckpoint(2, { meanwhile: () => service.change("1", { Status: "SUCCEEDED" }) });
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      const waited = context.wait("short", { seconds: 1 });
      await context.step("first", () => "a");
      await context.step("second", () => "b");
      await waited;
      return "all done";
    });

    await expect(service.invoke(handler)).resolves.toEqual({
      Status: "SUCCEEDED",
      Result: '"all done"',
    });
  });

  it("takes a position even when it is never awaited", async () => {
    const service = new FakeService();
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      void context.wait({ seconds: 5 });
      return context.step("after", () => "next");
    });

    await service.invoke(handler);

    expect(service.updates.map((update) => [update.Id, update.Type, update.Action])).toEqual([
      [id("1"), "WAIT", "START"],
      [id("2"), "STEP", "START"],
      [id("2"), "STEP", "SUCCEED"],
    ]);
  });

  it.each([
    [{ seconds: 0 }, "wait: duration must be at least 1 second, got 0."],
    [{ minutes: 1.5 }, "wait: duration minutes must be a whole number of 0 or more, got 1.5."],
    [{}, "wait: duration needs at least one of days, hours, minutes, seconds, got {}."],
    [
      { weeks: 1 },
      'wait: unknown duration unit "weeks". Allowed units: days, hours, minutes, seconds.',
    ],
  ])(
    "fails the execution for the duration %j, saying what is allowed",
    async (duration, message) => {
      const service = new FakeService();
      const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
        await context.wait(duration as never);
        return "waited";
      });

      await expect(service.invoke(handler)).resolves.toEqual({
        Status: "FAILED",
        Error: { ErrorType: "DurableConfigError", ErrorMessage: message },
      });
      expect(service.requests).toEqual([]);
    },
  );

  it("fails the execution when a named wait is given no duration", async () => {
    const service = new FakeService();
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      await context.wait("cool-down" as never);
      return "waited";
    });

    await expect(service.invoke(handler)).resolves.toEqual({
      Status: "FAILED",
      Error: {
        ErrorType: "DurableConfigError",
        ErrorMessage:
          'wait "cool-down": duration must be an object such as { seconds: 30 }, got undefined.',
      },
    });
  });
});
