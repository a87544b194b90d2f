import { fileURLToPath } from "node:url";
import { checkReplay, expectReplays, runDurable, simulateCrash } from "@durable-examples/testing";
import { beforeEach, describe, expect, it } from "vitest";
import { UsageService, useUsage } from "../src/usage.js";
import { firstMonth, localMeter, meterOn, runYear, startYear } from "./local-year.js";

/** What the made-up usage adds up to over a year. */
const YEAR_UNITS = Array.from({ length: 365 }, (_, i) => 100 + (((i + 1) * 37) % 50)).reduce(
  (a, b) => a + b,
);
let usage: UsageService;

beforeEach(() => {
  usage = new UsageService();
  useUsage(usage);
});

describe("a year of daily metering, 30 days per execution", () => {
  it("meters every day once, in 13 executions that each start the next and end", async () => {
    const lambda = localMeter();
    const started = lambda.clock.now().getTime();
    await startYear(lambda);
    const executions = await runYear(lambda);
    console.log(
      executions
        .map(
          (e) => `${e.name.padEnd(24)} ${e.status} ${e.operations} operations, ${e.events} events`,
        )
        .join("\n"),
    );
    expect(executions.map((e) => e.name)).toEqual([
      "sub-20-from-day-1",
      ...Array.from({ length: 12 }, (_, i) => `sub-20-from-day-${31 + 30 * i}`),
    ]);
    expect(executions.every((e) => e.status === "SUCCEEDED")).toBe(true);
    expect(executions[0]!.result).toEqual({
      subscriptionId: "sub-20",
      days: "1-30",
      unitsSoFar: expect.any(Number),
      continuedAs: expect.stringContaining("/durable-execution/sub-20-from-day-31/"),
    });
    expect(executions.at(-1)!.result).toEqual({
      subscriptionId: "sub-20",
      days: "361-365",
      totalUnits: YEAR_UNITS,
      finished: true,
    });
    expect(usage.reads).toHaveLength(365);
    expect(new Set(usage.reads).size).toBe(365);
    // 364 days of waits between the first day and the last.
    expect(lambda.clock.now().getTime() - started).toBe(364 * 86_400_000);
  });

  it("keeps each execution's history the same size, however far into the year", async () => {
    const lambda = localMeter();
    await startYear(lambda);
    const months = (await runYear(lambda)).slice(0, -1);
    // 30 steps, 30 waits, the handover step, and the execution itself.
    expect(new Set(months.map((e) => e.operations))).toEqual(new Set([62]));
    expect(new Set(months.map((e) => e.events))).toEqual(new Set([155]));
    expect(new Set(months.map((e) => e.invocations))).toEqual(new Set([31]));
  });

  it("starts the next execution once when the function dies right after starting it", async () => {
    const lambda = localMeter();
    let died = false;
    lambda.client.middlewareStack.add(
      (next, context) => async (args) => {
        const output = await next(args);
        const input = args.input as { DurableExecutionName?: string };
        if (
          context.commandName === "InvokeCommand" &&
          input.DurableExecutionName === "sub-20-from-day-31" &&
          !died
        ) {
          died = true;
          await simulateCrash("died after starting the next execution");
        }
        return output;
      },
      { step: "initialize", name: "dieAfterTheHandover" },
    );
    await startYear(lambda);
    const executions = await runYear(lambda);
    expect(died).toBe(true);
    expect(executions).toHaveLength(13);
    expect(executions[0]!.invocations).toBe(32);
    expect(executions.at(-1)!.result).toMatchObject({ totalUnits: YEAR_UNITS });
    expect(usage.reads).toHaveLength(365);
  });

  it("fails at once on a bad state, saying which field and what it allows", async () => {
    const run = await runDurable(meterOn(localMeter()), {
      input: { ...firstMonth, fromDay: 40, lastDay: 31 },
    });

    expect(run.status).toBe("FAILED");
    expect(run.error).toEqual({
      ErrorType: "TypeError",
      ErrorMessage: "daily-meter: lastDay must be a whole number from fromDay (40), got 31.",
    });
  });

  it("finishes the same way after a crash at any checkpoint, and starts the next execution once", async () => {
    const lambda = localMeter();
    const report = await checkReplay(meterOn(lambda), { input: firstMonth });

    expect(report.crashPoints).toBeGreaterThan(60);
    const started = lambda.running();
    expect(started).toHaveLength(1);
    expect(started[0]).toContain("/durable-execution/sub-20-from-day-31/");
  });

  it("still replays every execution it has recorded (histories/)", async () => {
    await expectReplays(
      meterOn(localMeter()),
      fileURLToPath(new URL("../histories", import.meta.url)),
    );
  });
});

describe("what the length of an execution costs", () => {
  it.each([
    { daysPerExecution: 7, executions: 53, longest: 16, replayedPerDay: 8 },
    { daysPerExecution: 30, executions: 13, longest: 62, replayedPerDay: 31 },
    { daysPerExecution: 365, executions: 1, longest: 730, replayedPerDay: 364 },
  ])(
    "$daysPerExecution days per execution: $executions executions of at most $longest operations",
    async ({ daysPerExecution, executions: count, longest, replayedPerDay }) => {
      const lambda = localMeter(daysPerExecution);
      await startYear(lambda);
      const executions = await runYear(lambda);
      const total = (key: "operations" | "events" | "invocations" | "replayed") =>
        executions.reduce((sum, e) => sum + e[key], 0);
      console.log(
        `${daysPerExecution} days: ${executions.length} executions, ${total("operations")} operations, ` +
          `at most ${Math.max(...executions.map((e) => e.operations))} and ${Math.max(...executions.map((e) => e.events))} events per execution, ` +
          `${total("invocations")} invocations, ${total("replayed")} operations replayed`,
      );
      expect(executions).toHaveLength(count);
      expect(Math.max(...executions.map((e) => e.operations))).toBe(longest);
      expect(Math.round(total("replayed") / 365)).toBe(replayedPerDay);
      expect(executions.at(-1)!.result).toMatchObject({ totalUnits: YEAR_UNITS });
    },
  );
});
