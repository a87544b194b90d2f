/**
 * 1. Harness speed: the steps workflow run to the end by runDurable and by LocalDurableTestRunner,
 * the two in turn pair by pair (A B B A ...), with the ratio taken pair by pair. Ours also runs
 * at sizes where the official runner would take minutes: it is skipped there, with a note.
 */
import { LocalDurableTestRunner } from "@aws/durable-execution-sdk-js-testing";
import { type DurableRun, runDurable } from "@durable-examples/testing";
import type { Handler, Workflows } from "./build.js";
import type { Report } from "./report.js";
import {
  collectGarbage,
  formatMsSpread,
  formatRatioSpread,
  formatUs,
  nowMs,
  pairRatios,
  type Spread,
  spread,
  table,
  timePairs,
} from "./stats.js";

type OfficialHandler = ConstructorParameters<typeof LocalDurableTestRunner>[0]["handlerFunction"];

export interface HarnessRow {
  n: number;
  invocations: number;
  /** Operations the handler went through, summed over invocations: replayed ones and new ones. */
  visited: number;
  ours: number[];
  official: number[];
  /** official / ours, pair by pair. */
  ratio: Spread;
  note: string;
}

export interface HarnessOptions {
  sizes: number[];
  /** Pairs (or runs of ours alone) per size, at most. */
  pairs: number;
  /** No more pairs are started at a size once this much time went into it. */
  sizeBudgetMs: number;
  /** The official runner is skipped at a size where one run is predicted to take longer. */
  officialRunBudgetMs: number;
}

let runCounter = 0;
const nextRunId = () => `run-${++runCounter}`;

async function runOurs(handler: Handler, n: number): Promise<{ ms: number; run: DurableRun }> {
  const start = nowMs();
  const run = await runDurable(handler, {
    input: { n, runId: nextRunId() },
    maxInvocations: 100_000,
  });
  const ms = nowMs() - start;
  if (run.status !== "SUCCEEDED")
    throw new Error(`our harness: steps n=${n} ended ${run.status}: ${JSON.stringify(run.error)}`);
  return { ms, run };
}

/** One official run. Its fake timers are installed around it only, and not timed. */
async function runOfficial(handler: Handler, n: number): Promise<number> {
  await LocalDurableTestRunner.setupTestEnvironment({ skipTime: true });
  try {
    const runner = new LocalDurableTestRunner({
      handlerFunction: handler as unknown as OfficialHandler,
    });
    const start = nowMs();
    const result = await runner.run({ payload: { n, runId: nextRunId() } });
    const ms = nowMs() - start;
    if (result.getStatus() !== "SUCCEEDED")
      throw new Error(
        `LocalDurableTestRunner: steps n=${n} ended ${result.getStatus()}: ${JSON.stringify(result.getError())}`,
      );
    return ms;
  } finally {
    await LocalDurableTestRunner.teardownTestEnvironment();
  }
}

/**
 * Operations visited: each invocation replays every operation that started before it (virtual
 * time moves between invocations, never within one), and each operation runs once more when new.
 */
function operationsVisited(run: DurableRun): number {
  const starts = run.operations
    .filter((operation) => operation.Type !== "EXECUTION")
    .map((operation) => operation.StartTimestamp?.getTime() ?? 0)
    .sort((a, b) => a - b);
  let replayed = 0;
  for (const invocation of run.invocations) {
    const at = invocation.start.getTime();
    let count = 0;
    while (count < starts.length && starts[count]! < at) count += 1;
    replayed += count;
  }
  return replayed + starts.length;
}

export async function benchHarness(
  workflows: Workflows,
  options: HarnessOptions,
): Promise<HarnessRow[]> {
  const rows: HarnessRow[] = [];
  let officialPerOp = Number.NaN;
  for (const n of options.sizes) {
    // The official runner costs about the same per operation at every size (22.5 s at 1,000).
    const predictedMs = officialPerOp * n;
    const skipOfficial = predictedMs > options.officialRunBudgetMs;
    let last: DurableRun | undefined;
    const ours = async () => {
      const once = await runOurs(workflows.ours.steps, n);
      last = once.run;
      return once.ms;
    };
    let times: { a: number[]; b: number[] };
    if (skipOfficial) {
      times = { a: [], b: [] };
      const start = nowMs();
      for (
        let i = 0;
        i < options.pairs && (i === 0 || nowMs() - start < options.sizeBudgetMs);
        i++
      ) {
        collectGarbage();
        times.a.push(await ours());
      }
    } else {
      times = await timePairs(options.pairs, options.sizeBudgetMs, ours, () =>
        runOfficial(workflows.official.steps, n),
      );
      officialPerOp = spread(times.b).median / n;
    }
    rows.push({
      n,
      invocations: last!.invocations.length,
      visited: operationsVisited(last!),
      ours: times.a,
      official: times.b,
      ratio: pairRatios(times.a.slice(0, times.b.length), times.b),
      note: skipOfficial
        ? `official skipped: one run predicted ${(predictedMs / 1000).toFixed(0)} s > ${options.officialRunBudgetMs / 1000} s budget`
        : "",
    });
  }
  return rows;
}

/** Microseconds per operation visited, from the median run of ours. */
function usPerVisit(row: HarnessRow): number {
  return (spread(row.ours).median * 1000) / row.visited;
}

export function reportHarness(report: Report, rows: HarnessRow[]): void {
  report.section(
    "1. Harness speed (steps with a 1 s wait every 10th op and one retried step)",
    "Both harnesses in turn, pair by pair (A B B A ...); the ratio is the median of the pairs' ratios, with their range. Operations visited: the operations each invocation replayed or ran, summed over invocations.",
    table(
      [
        "N",
        "invocations",
        "ops visited",
        "runDurable",
        "µs per op visited",
        "LocalDurableTestRunner (skipTime)",
        "official / ours",
        "note",
      ],
      rows.map((row) => [
        String(row.n),
        String(row.invocations),
        String(row.visited),
        formatMsSpread(row.ours),
        formatUs(usPerVisit(row)),
        row.official.length === 0 ? "skipped" : formatMsSpread(row.official),
        formatRatioSpread(row.ratio, row.official.length),
        row.note,
      ]),
    ),
  );
  for (const row of rows.filter((r) => r.n >= 100 && r.official.length > 0)) {
    report.target(
      `Harness at least 10x faster than LocalDurableTestRunner at N = ${row.n}`,
      formatRatioSpread(row.ratio, row.official.length),
      row.ratio.median >= 10,
    );
  }
  const row = rows.find((r) => r.n === 1000);
  if (row === undefined) return;
  report.target(
    "Harness at most 5 µs per operation visited at N = 1000 (a wait every 10th)",
    `${formatUs(usPerVisit(row))} µs (${row.visited} visited)`,
    usPerVisit(row) <= 5,
  );
  report.target(
    "Harness runs N = 1000 with a wait every 10th in under 300 ms",
    formatMsSpread(row.ours),
    spread(row.ours).median < 300,
  );
}
