import { fileURLToPath } from "node:url";
import { checkReplay, expectReplays, runDurable, simulateCrash } from "@durable-examples/testing";
import { beforeEach, describe, expect, it } from "vitest";
import { UsageService, useUsage } from "../src/usage.js";
import { firstMonth, localMeter, meterOn, runYear, startYear } from "./local-year.js";

/** What the made-up usage adds up to over the first `days` days. */
const unitsThrough = (days: number) =>
  Array.from({ length: days }, (_, i) => 100 + (((i + 1) * 37) % 50)).reduce((a, b) => a + b);
const YEAR_UNITS = unitsThrough(365);
let usage: UsageService;

beforeEach(() => {
  usage = new UsageService();
  useUsage(usage);
});

/**
 * A year of the loop, run once per length of execution and shared by the tests that read it.
 * The first test to read one runs it: a second or two alone (the year in one execution replays
 * 132,860 operations), up to twenty times that on a loaded 2-core machine.
 */
const YEAR_TIMEOUT_MS = 120_000;
const years = new Map<number, ReturnType<typeof runLoop>>();
function yearOf(daysPerExecution: number) {
  if (!years.has(daysPerExecution)) years.set(daysPerExecution, runLoop(daysPerExecution));
  return years.get(daysPerExecution)!;
}

async function runLoop(daysPerExecution: number) {
  const service = new UsageService();
  useUsage(service);
  const lambda = localMeter(daysPerExecution);
  const started = lambda.clock.now().getTime();
  await startYear(lambda);
  const executions = await runYear(lambda);
  return { executions, reads: service.reads, elapsedMs: lambda.clock.now().getTime() - started };
}

describe("a year of daily metering, 30 days per execution", () => {
  it(
    "meters every day once, in 13 executions that each start the next and end",
    async () => {
      const { executions, reads, elapsedMs } = await yearOf(30);
      console.log(
        executions
          .map(
            (e) =>
              `${e.name.padEnd(24)} ${e.status} ${e.operations} operations, ${e.events} events`,
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
      expect(reads).toHaveLength(365);
      expect(new Set(reads).size).toBe(365);
      // 364 days of waits between the first day and the last.
      expect(elapsedMs).toBe(364 * 86_400_000);
    },
    YEAR_TIMEOUT_MS,
  );

  it(
    "keeps each execution's history the same size, however far into the year",
    async () => {
      const months = (await yearOf(30)).executions.slice(0, -1);

      // 30 steps, 30 waits, the handover step, and the execution itself.
      expect(new Set(months.map((e) => e.operations))).toEqual(new Set([62]));
      expect(new Set(months.map((e) => e.events))).toEqual(new Set([155]));
      expect(new Set(months.map((e) => e.invocations))).toEqual(new Set([31]));
    },
    YEAR_TIMEOUT_MS,
  );

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
    // Two months are enough for a handover.
    await startYear(lambda, { ...firstMonth, lastDay: 60 });
    const executions = await runYear(lambda);

    expect(died).toBe(true);
    expect(executions.map((e) => e.name)).toEqual(["sub-20-from-day-1", "sub-20-from-day-31"]);
    expect(executions[0]!.invocations).toBe(32);
    expect(executions[1]!.result).toMatchObject({ totalUnits: unitsThrough(60) });
    expect(usage.reads).toHaveLength(60);
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
      const { executions } = await yearOf(daysPerExecution);
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
    YEAR_TIMEOUT_MS,
  );
});
