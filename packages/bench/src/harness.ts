/** 1. Harness speed: the steps workflow run to the end by runDurable and by LocalDurableTestRunner. */
import { LocalDurableTestRunner } from "@aws/durable-execution-sdk-js-testing";
import { runDurable } from "@durable-examples/testing";
import type { Handler, Workflows } from "./build.js";
import { median, nowMs, timeRuns } from "./stats.js";

type OfficialHandler = ConstructorParameters<typeof LocalDurableTestRunner>[0]["handlerFunction"];

export interface HarnessRow {
  n: number;
  oursMs: number;
  oursRuns: number;
  oursInvocations: number;
  officialMs: number;
  officialRuns: number;
  note: string;
}

export interface HarnessOptions {
  sizes: number[];
  runs: number;
  /** An official run slower than this is not repeated. */
  slowMs: number;
}

let runCounter = 0;
const nextRunId = () => `run-${++runCounter}`;

async function runOurs(handler: Handler, n: number) {
  const run = await runDurable(handler, {
    input: { n, runId: nextRunId() },
    maxInvocations: 10_000,
  });
  if (run.status !== "SUCCEEDED")
    throw new Error(`our harness: steps n=${n} ended ${run.status}: ${JSON.stringify(run.error)}`);
  return run.invocations.length;
}

async function runOfficial(handler: Handler, n: number) {
  const runner = new LocalDurableTestRunner({
    handlerFunction: handler as unknown as OfficialHandler,
  });
  const result = await runner.run({ payload: { n, runId: nextRunId() } });
  if (result.getStatus() !== "SUCCEEDED")
    throw new Error(
      `LocalDurableTestRunner: steps n=${n} ended ${result.getStatus()}: ${JSON.stringify(result.getError())}`,
    );
}

export async function benchHarness(
  workflows: Workflows,
  options: HarnessOptions,
): Promise<HarnessRow[]> {
  const rows: HarnessRow[] = [];
  for (const n of options.sizes) {
    let invocations = 0;
    const ours = await timeRuns(options.runs, 1, async () => {
      invocations = await runOurs(workflows.ours.steps, n);
    });
    rows.push({
      n,
      oursMs: median(ours),
      oursRuns: ours.length,
      oursInvocations: invocations,
      officialMs: Number.NaN,
      officialRuns: 0,
      note: "",
    });
  }
  // The official runner fakes Date and performance.now globally: only around its own runs.
  await LocalDurableTestRunner.setupTestEnvironment({ skipTime: true });
  try {
    for (const row of rows) {
      const first = nowMs();
      await runOfficial(workflows.official.steps, row.n);
      const firstMs = nowMs() - first;
      if (firstMs > options.slowMs) {
        row.officialMs = firstMs;
        row.officialRuns = 1;
        row.note = `official run once (${(firstMs / 1000).toFixed(1)} s > ${options.slowMs / 1000} s)`;
        continue;
      }
      const times = await timeRuns(options.runs, 0, () =>
        runOfficial(workflows.official.steps, row.n),
      );
      row.officialMs = median(times);
      row.officialRuns = times.length;
    }
  } finally {
    await LocalDurableTestRunner.teardownTestEnvironment();
  }
  return rows;
}
