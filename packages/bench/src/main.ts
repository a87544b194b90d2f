/**
 * `pnpm bench`: our harness, runtime and service side by side with the official SDK, printed as
 * Markdown tables and written into packages/bench/README.md. `pnpm bench --smoke` runs every
 * benchmark at tiny sizes (no test-suite timing, README untouched) and exits non-zero on error.
 * `--only=harness,replay,...` runs some sections (README untouched): harness, replay, size,
 * checkpoints, service, suite, check.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { benchDir, buildWorkflows } from "./build.js";
import { benchCheckpoints } from "./checkpoints.js";
import { benchHarness, reportHarness } from "./harness.js";
import { benchColdReplay, benchReplay, reportReplay } from "./replay.js";
import { benchReplayCheck, reportReplayCheck } from "./replay-check.js";
import { Report } from "./report.js";
import { benchService } from "./service.js";
import { benchSize } from "./size.js";
import { formatBytes, formatMs, table } from "./stats.js";
import { benchSuite } from "./suite.js";

const smoke = process.argv.includes("--smoke");
const only = process.argv
  .find((arg) => arg.startsWith("--only="))
  ?.slice("--only=".length)
  .split(",");
const wanted = (name: string) => only === undefined || only.includes(name);
const report = new Report();

function cpuModel(): string {
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"));
    if (match?.[1] !== undefined) return match[1].trim();
  } catch {}
  return cpus()[0]?.model ?? "unknown";
}

function nproc(): string {
  try {
    return execFileSync("nproc", { encoding: "utf8" }).trim();
  } catch {
    return String(cpus().length);
  }
}

const machine = `${nproc()} cores (nproc), ${cpuModel()}, Node ${process.version}`;
const date = new Date().toISOString().slice(0, 10);
console.log(`durable bench${smoke ? " (smoke)" : ""}: ${date}, ${machine}`);

const workflows = await buildWorkflows();

if (wanted("harness")) {
  const rows = await benchHarness(workflows, {
    sizes: smoke ? [10] : [10, 100, 1000, 3000, 10_000],
    pairs: smoke ? 1 : 5,
    sizeBudgetMs: 60_000,
    officialRunBudgetMs: 90_000,
  });
  reportHarness(report, rows);
}

if (wanted("replay")) {
  const sizes = smoke ? [100] : [100, 1000, 10_000, 50_000];
  const warm = await benchReplay(workflows, {
    sizes,
    pairs: smoke ? 1 : 9,
    warmupOps: smoke ? 1 : 20_000,
    officialBudgetMs: 60_000,
  });
  const cold = await benchColdReplay({
    sizes,
    processes: smoke ? 1 : 5,
    officialBudgetMs: 30_000,
  });
  reportReplay(report, warm, cold);
}

if (wanted("size")) {
  const sizes = await benchSize({ importRuns: smoke ? 1 : 9 });
  report.section(
    "3. Function size and start (examples/01-hello-step, bundled by scripts/build-example.mjs's esbuild options)",
    table(
      ["runtime", "@aws-sdk/*", "bundle", "runtime share", "import() in fresh node"],
      sizes.map((row) => [
        row.flavor,
        row.awsSdk,
        formatBytes(row.bytes),
        `${formatBytes(row.runtimeBytes)} (${((row.runtimeBytes / row.bytes) * 100).toFixed(0)}%)`,
        formatMs(row.importMs),
      ]),
    ),
  );
  const ours = sizes.find((r) => r.flavor === "ours" && r.awsSdk === "external")!;
  const official = sizes.find((r) => r.flavor === "official" && r.awsSdk === "external")!;
  const share = ours.runtimeBytes / official.runtimeBytes;
  report.target(
    "Our runtime's share of the bundle at most a third of the official SDK's",
    `${ours.runtimeBytes} B vs ${official.runtimeBytes} B (${share.toFixed(3)})`,
    share <= 1 / 3,
  );
}

if (wanted("checkpoints")) {
  const checkpoints = await benchCheckpoints(workflows);
  report.section(
    "4. Checkpoint calls per execution (both bundles run by runDurable, counting client)",
    table(
      ["workflow", "runtime", "requests", "request bytes", "invocations"],
      checkpoints.map((row) => [
        row.workflow,
        row.flavor,
        String(row.requests),
        formatBytes(row.bytes),
        String(row.invocations),
      ]),
    ),
  );
  for (const workflow of ["sequential", "parallel", "map"]) {
    const ours = checkpoints.find((r) => r.workflow === workflow && r.flavor === "ours")!;
    const official = checkpoints.find((r) => r.workflow === workflow && r.flavor === "official")!;
    report.target(
      `No more checkpoint requests than the official SDK: ${workflow}`,
      `${ours.requests} vs ${official.requests}`,
      ours.requests <= official.requests,
    );
  }
}

if (wanted("service")) {
  const service = await benchService(
    smoke
      ? { steps: 10, executions: 3, concurrency: 2, stored: [5, 20], samples: 1 }
      : { steps: 100, executions: 20, concurrency: 8, stored: [100, 1000, 10_000], samples: 5 },
  );
  const { levels } = service;
  report.section(
    "5. Local service over HTTP on loopback (startLocalServer, @aws-sdk/client-lambda)",
    table(
      [
        "stored executions",
        "server start",
        `checkpoint requests/s (${service.stepsPerExecution}-step executions)`,
        "executions/s, 2 steps, one at a time",
        `executions/s, 2 steps, ${service.concurrency} clients at once`,
      ],
      levels.map((level) => [
        level.storedExecutions.toLocaleString("en-US"),
        formatMs(level.startMs),
        level.checkpointsPerSecond.toFixed(0),
        level.sequentialExecutionsPerSecond.toFixed(1),
        level.concurrentExecutionsPerSecond.toFixed(1),
      ]),
    ),
  );
  // Issue 13: flat within 20% as executions accumulate, and 5x the figures of the whole-file
  // store (101 checkpoint requests/s, 12 executions/s one at a time).
  const flatness = (values: number[]) => Math.min(...values) / Math.max(...values);
  const checkpointRates = levels.map((level) => level.checkpointsPerSecond);
  const executionRates = levels.map((level) => level.sequentialExecutionsPerSecond);
  const first = levels[0]!;
  const last = levels.at(-1)!;
  report.target(
    `Local service: checkpoint requests/s flat within 20% from ${first.storedExecutions} to ${last.storedExecutions} stored executions`,
    `lowest ${(flatness(checkpointRates) * 100).toFixed(0)}% of highest`,
    flatness(checkpointRates) >= 0.8,
  );
  report.target(
    `Local service: executions/s flat within 20% from ${first.storedExecutions} to ${last.storedExecutions} stored executions`,
    `lowest ${(flatness(executionRates) * 100).toFixed(0)}% of highest`,
    flatness(executionRates) >= 0.8,
  );
  report.target(
    "Local service: at least 505 checkpoint requests/s (5x the whole-file store's 101)",
    `${Math.min(...checkpointRates).toFixed(0)} at the lowest`,
    Math.min(...checkpointRates) >= 505,
  );
  report.target(
    "Local service: at least 60 executions/s one at a time (5x the whole-file store's 12)",
    `${Math.min(...executionRates).toFixed(1)} at the lowest`,
    Math.min(...executionRates) >= 60,
  );
}

if (!smoke && wanted("suite")) {
  const suite = benchSuite();
  report.section(
    "6. The whole test suite (turbo run test)",
    table(
      ["run", "wall time", "passed"],
      [
        ["cold (--force)", formatMs(suite.coldMs), suite.coldOk ? "yes" : "NO"],
        ["warm (turbo cache)", formatMs(suite.warmMs), suite.warmOk ? "yes" : "NO"],
      ],
    ),
  );
  if (suite.output !== "") console.error(suite.output);
  report.target(
    "pnpm test for the whole repository under 60 s cold",
    `${formatMs(suite.coldMs)}${suite.coldOk ? "" : " (tests failed)"}`,
    suite.coldOk && suite.coldMs < 60_000,
  );
}

if (wanted("check")) {
  reportReplayCheck(
    report,
    benchReplayCheck({
      sizes: smoke ? [10] : [10, 100, 1000],
      budgetMs: smoke ? 60_000 : 120_000,
    }),
  );
}

report.section(
  "Targets",
  table(
    ["target", "measured", "met"],
    report.targets.map((t) => [t.target, t.measured, t.met ? "met" : "MISSED"]),
  ),
);

if (!smoke && only === undefined) {
  const readmePath = join(benchDir, "README.md");
  const readme = readFileSync(readmePath, "utf8");
  const start = "<!-- results:start -->";
  const end = "<!-- results:end -->";
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${readmePath} has no ${start} ... ${end} section`);
  const results = [`Measured ${date} on ${machine}.`, ...report.sections].join("\n\n");
  writeFileSync(
    readmePath,
    `${readme.slice(0, from + start.length)}\n${results}\n${readme.slice(to)}`,
  );
  console.log(`\nwrote ${readmePath}`);
}
