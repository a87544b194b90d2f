/**
 * 2. Replay cost: one invocation whose event already holds the EXECUTION operation and N
 * SUCCEEDED steps, so the handler replays all of them and returns. The client is a fake in the
 * same process; the official SDK gets it through its own DurableExecutionInvocationInputWithClient.
 *
 * Warm: in this process after a warm-up, the two runtimes in turn pair by pair. Cold: the first
 * call in a fresh node process that has just imported the Lambda bundle (what a cold start sees).
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DurableExecutionInvocationInputWithClient } from "@aws/durable-execution-sdk-js";
import {
  benchDir,
  buildLambdaBundle,
  type Flavor,
  flavors,
  outRoot,
  type Workflows,
} from "./build.js";
import type { Report } from "./report.js";
import {
  collectGarbage,
  formatMs,
  formatMsSpread,
  formatRatioSpread,
  formatUs,
  nowMs,
  pairRatios,
  type Spread,
  spread,
  table,
} from "./stats.js";

export interface ReplayRow {
  n: number;
  /** µs per operation, one value per pair. */
  ours: number[];
  official: number[];
  /** official / ours, pair by pair. */
  ratio: Spread;
  oursCheckpoints: number;
  officialCheckpoints: number;
  note: string;
}

export interface ReplayOptions {
  sizes: number[];
  pairs: number;
  warmupOps: number;
  /** The official SDK is skipped at a size whose warm-up and runs are predicted to take longer. */
  officialBudgetMs: number;
}

const ARN =
  "arn:aws:lambda:us-east-1:123456789012:function:bench:$LATEST/durable-execution/replay/0a1b2c3d";
const wireId = (stepId: string) => createHash("md5").update(stepId).digest("hex").slice(0, 16);

type ConstructorParams = ConstructorParameters<typeof DurableExecutionInvocationInputWithClient>;

/** The event Lambda would send, as the JSON text Lambda parses before calling the handler. */
function eventJson(n: number): string {
  const at = "2026-01-01T00:00:00.000Z";
  const operations: Record<string, unknown>[] = [
    {
      Id: "5f8b0d3e-0000-4000-8000-000000000001",
      Type: "EXECUTION",
      Status: "STARTED",
      StartTimestamp: at,
      ExecutionDetails: { InputPayload: JSON.stringify({ n }) },
    },
  ];
  for (let i = 0; i < n; i++) {
    operations.push({
      Id: wireId(String(i + 1)),
      Name: `step-${i}`,
      Type: "STEP",
      SubType: "Step",
      Status: "SUCCEEDED",
      StartTimestamp: at,
      EndTimestamp: at,
      StepDetails: { Attempt: 1, Result: JSON.stringify(i) },
    });
  }
  return JSON.stringify({
    DurableExecutionArn: ARN,
    CheckpointToken: "token-0",
    InitialExecutionState: { Operations: operations },
  });
}

function fakeClient(counter: { checkpoints: number }) {
  return {
    checkpoint: async (request: { CheckpointToken?: string }) => {
      counter.checkpoints += 1;
      return {
        CheckpointToken: `${request.CheckpointToken}+`,
        NewExecutionState: { Operations: [] },
      };
    },
    getExecutionState: async () => ({ Operations: [] }),
  };
}

const lambdaContext = () => ({
  awsRequestId: "00000000-0000-4000-8000-000000000000",
  functionName: "bench",
  getRemainingTimeInMillis: () => 900_000,
});

function checkOutput(output: { Status?: string; Result?: string }, n: number, flavor: string) {
  const expected = (n * (n - 1)) / 2;
  if (output?.Status !== "SUCCEEDED" || JSON.parse(output.Result ?? "null")?.sum !== expected)
    throw new Error(`replay n=${n} (${flavor}): unexpected output ${JSON.stringify(output)}`);
}

/** One replay in this process: the handler's milliseconds and the checkpoint calls it made. */
async function replayOnce(workflows: Workflows, flavor: Flavor, n: number, json: string) {
  const counter = { checkpoints: 0 };
  const params = JSON.parse(json) as Record<string, unknown>;
  const client = fakeClient(counter);
  const event =
    flavor === "official"
      ? new DurableExecutionInvocationInputWithClient(
          params as unknown as ConstructorParams[0],
          client as unknown as ConstructorParams[1],
        )
      : { ...params, durableExecutionClient: client };
  collectGarbage();
  const start = nowMs();
  const output = (await workflows[flavor].replay(event, lambdaContext())) as {
    Status?: string;
    Result?: string;
  };
  const ms = nowMs() - start;
  checkOutput(output, n, flavor);
  return { ms, checkpoints: counter.checkpoints };
}

export async function benchReplay(
  workflows: Workflows,
  options: ReplayOptions,
): Promise<ReplayRow[]> {
  const rows: ReplayRow[] = [];
  let officialUsPerOp = Number.NaN;
  for (const n of options.sizes) {
    const json = eventJson(n);
    // Warm-up: enough replayed operations for the JIT to settle, and at least three runs so
    // that a large N is not timed while the heap still grows to its size.
    const warmups = Math.max(options.pairs > 1 ? 3 : 0, Math.ceil(options.warmupOps / n));
    const predictedMs = officialUsPerOp * n * (warmups + options.pairs) * 1e-3;
    const runOfficial = !(predictedMs > options.officialBudgetMs);
    const sides: Flavor[] = runOfficial ? [...flavors] : ["ours"];
    for (const flavor of sides)
      for (let i = 0; i < warmups; i++) await replayOnce(workflows, flavor, n, json);
    const times: Record<Flavor, number[]> = { ours: [], official: [] };
    const checkpoints: Record<Flavor, number> = { ours: 0, official: 0 };
    for (let i = 0; i < options.pairs; i++) {
      for (const flavor of i % 2 === 0 ? sides : [...sides].reverse()) {
        const once = await replayOnce(workflows, flavor, n, json);
        times[flavor].push((once.ms * 1000) / n);
        checkpoints[flavor] = once.checkpoints;
      }
    }
    if (runOfficial) officialUsPerOp = spread(times.official).median;
    rows.push({
      n,
      ours: times.ours,
      official: times.official,
      ratio: pairRatios(times.ours.slice(0, times.official.length), times.official),
      oursCheckpoints: checkpoints.ours,
      officialCheckpoints: checkpoints.official,
      note: runOfficial
        ? ""
        : `official skipped: predicted ${(predictedMs / 1000).toFixed(0)} s > ${options.officialBudgetMs / 1000} s budget`,
    });
  }
  return rows;
}

export interface ColdRow {
  n: number;
  /** Milliseconds of the first handler call, one fresh process each. */
  ours: number[];
  official: number[];
  ratio: Spread;
  note: string;
}

/**
 * What runs in each fresh process: import the bundle (not timed), read and parse the event as
 * Lambda's runtime does before calling the handler (not timed), then time one handler call.
 */
const COLD_CHILD = `
import { readFileSync } from "node:fs";
const [bundle, eventFile, flavor] = process.argv.slice(1);
const { handler } = await import(bundle);
const params = JSON.parse(readFileSync(eventFile, "utf8"));
const client = {
  checkpoint: async (request) => ({ CheckpointToken: request.CheckpointToken + "+", NewExecutionState: { Operations: [] } }),
  getExecutionState: async () => ({ Operations: [] }),
};
// The official SDK recognizes its injected-client event by these marks (protocol.md section 9).
class DurableExecutionInvocationInputWithClient {
  constructor(params, client) { Object.assign(this, params); this.durableExecutionClient = client; }
  get [Symbol.toStringTag]() { return "DurableExecutionInvocationInputWithClient"; }
}
const event = flavor === "official"
  ? new DurableExecutionInvocationInputWithClient(params, client)
  : { ...params, durableExecutionClient: client };
const context = { awsRequestId: "00000000-0000-4000-8000-000000000000", functionName: "bench", getRemainingTimeInMillis: () => 900000 };
const start = process.hrtime.bigint();
const output = await handler(event, context);
const ms = Number(process.hrtime.bigint() - start) / 1e6;
console.log(JSON.stringify({ ms, output }));
`;

/** The replay workflow bundled for Lambda (build-example's options), once per runtime. */
async function coldBundles(): Promise<Record<Flavor, string>> {
  const outDir = join(outRoot, "cold");
  rmSync(outDir, { recursive: true, force: true });
  const bundles = {} as Record<Flavor, string>;
  for (const flavor of flavors) {
    const outfile = join(outDir, flavor, "index.mjs");
    await buildLambdaBundle(
      flavor,
      benchDir,
      join(benchDir, "src", "workflows", "replay.ts"),
      outfile,
      true,
    );
    bundles[flavor] = outfile;
  }
  return bundles;
}

function coldOnce(bundle: string, eventFile: string, flavor: Flavor, n: number): number {
  const result = spawnSync(
    process.execPath,
    ["--input-type=module", "-e", COLD_CHILD, bundle, eventFile, flavor],
    { cwd: benchDir, encoding: "utf8", timeout: 600_000 },
  );
  if (result.status !== 0)
    throw new Error(`cold replay n=${n} (${flavor}) failed: ${result.stderr || result.error}`);
  const line = result.stdout.trim().split("\n").pop() ?? "";
  const { ms, output } = JSON.parse(line) as { ms: number; output: { Status?: string } };
  checkOutput(output, n, flavor);
  return ms;
}

export async function benchColdReplay(options: {
  sizes: number[];
  processes: number;
  /** The official SDK is skipped at a size whose processes are predicted to take longer. */
  officialBudgetMs: number;
}): Promise<ColdRow[]> {
  const bundles = await coldBundles();
  const eventDir = join(outRoot, "cold", "events");
  mkdirSync(eventDir, { recursive: true });
  const rows: ColdRow[] = [];
  let officialMsPerOp = Number.NaN;
  for (const n of options.sizes) {
    const eventFile = join(eventDir, `replay-${n}.json`);
    writeFileSync(eventFile, eventJson(n));
    const predictedMs = officialMsPerOp * n * options.processes;
    const runOfficial = !(predictedMs > options.officialBudgetMs);
    const sides: Flavor[] = runOfficial ? [...flavors] : ["ours"];
    const times: Record<Flavor, number[]> = { ours: [], official: [] };
    for (let i = 0; i < options.processes; i++) {
      for (const flavor of i % 2 === 0 ? sides : [...sides].reverse())
        times[flavor].push(coldOnce(bundles[flavor], eventFile, flavor, n));
    }
    if (runOfficial) officialMsPerOp = spread(times.official).median / n;
    rows.push({
      n,
      ours: times.ours,
      official: times.official,
      ratio: pairRatios(times.ours.slice(0, times.official.length), times.official),
      note: runOfficial
        ? ""
        : `official skipped: predicted ${(predictedMs / 1000).toFixed(0)} s > ${options.officialBudgetMs / 1000} s budget`,
    });
  }
  return rows;
}

/** "2.1 (1.9-2.6)": the median and the range. */
function usSpread(values: number[]): string {
  const { median, min, max } = spread(values);
  return values.length < 2
    ? formatUs(median)
    : `${formatUs(median)} (${formatUs(min)}-${formatUs(max)})`;
}

export function reportReplay(report: Report, warm: ReplayRow[], cold: ColdRow[]): void {
  report.section(
    "2. Replay cost, warm (one invocation replaying N succeeded steps, fake in-process client)",
    "In the bench process after a warm-up; the two runtimes in turn, pair by pair. µs per operation: median (range).",
    table(
      [
        "N",
        "ours µs/op",
        "official µs/op",
        "official / ours",
        "checkpoints ours / official",
        "note",
      ],
      warm.map((row) => [
        String(row.n),
        usSpread(row.ours),
        row.official.length === 0 ? "skipped" : usSpread(row.official),
        formatRatioSpread(row.ratio, row.official.length),
        `${row.oursCheckpoints} / ${row.official.length === 0 ? "-" : row.officialCheckpoints}`,
        row.note,
      ]),
    ),
  );
  report.section(
    "2b. Replay cost, cold (the first call in a fresh node process, as on a Lambda cold start)",
    "Each run is a new node process that imports the replay workflow's Lambda bundle (built with scripts/build-example.mjs's esbuild options), parses the event, and times one handler call; the two runtimes' processes in turn.",
    table(
      [
        "N",
        "ours first call",
        "ours µs/op",
        "official first call",
        "official µs/op",
        "official / ours",
        "note",
      ],
      cold.map((row) => [
        String(row.n),
        formatMsSpread(row.ours),
        formatUs((spread(row.ours).median * 1000) / row.n),
        row.official.length === 0 ? "skipped" : formatMsSpread(row.official),
        row.official.length === 0 ? "-" : formatUs((spread(row.official).median * 1000) / row.n),
        formatRatioSpread(row.ratio, row.official.length),
        row.note,
      ]),
    ),
  );
  if (warm.length > 1) {
    const first = warm[0]!;
    const last = warm[warm.length - 1]!;
    const us = (row: ReplayRow) => spread(row.ours).median;
    const growth = us(last) / us(first);
    report.target(
      `Replay time per op flat from N = ${first.n} to N = ${last.n} (at most 1.5x growth)`,
      `${formatUs(us(first))} → ${formatUs(us(last))} µs/op (${growth.toFixed(2)}x)`,
      growth <= 1.5,
    );
    const worst = warm.reduce((a, b) => (us(b) > us(a) ? b : a));
    report.target(
      `Replay at most 3 µs per op warm at every N up to ${last.n}`,
      `at most ${formatUs(us(worst))} µs/op (N = ${worst.n})`,
      us(worst) <= 3,
    );
    const slower = warm.filter(
      (row) => row.official.length > 0 && us(row) >= spread(row.official).median,
    );
    report.target(
      "Replay time per op below the official SDK's at every N it ran",
      slower.length === 0
        ? "below at every N"
        : `not below at N = ${slower.map((row) => row.n).join(", ")}`,
      slower.length === 0,
    );
  }
  if (cold.length > 1) {
    for (const row of cold) {
      const us = (spread(row.ours).median * 1000) / row.n;
      report.target(
        `Replay at most 10 µs per op cold at N = ${row.n}`,
        `${formatUs(us)} µs/op (first call ${formatMs(spread(row.ours).median)})`,
        us <= 10,
      );
    }
  }
}
