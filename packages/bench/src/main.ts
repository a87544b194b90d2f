/**
 * `pnpm bench`: our harness, runtime and service side by side with the official SDK, printed as
 * Markdown tables and written into packages/bench/README.md. `pnpm bench --smoke` runs every
 * benchmark at tiny sizes (no test-suite timing, README untouched) and exits non-zero on error.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { benchDir, buildWorkflows } from "./build.js";
import { benchCheckpoints } from "./checkpoints.js";
import { benchHarness } from "./harness.js";
import { benchReplay } from "./replay.js";
import { benchService } from "./service.js";
import { benchSize } from "./size.js";
import { formatBytes, formatMs, formatRatio, table } from "./stats.js";
import { benchSuite } from "./suite.js";

const smoke = process.argv.includes("--smoke");
const sections: string[] = [];
const targets: { target: string; measured: string; met: boolean }[] = [];

function section(title: string, body: string) {
  const text = `### ${title}\n\n${body}`;
  sections.push(text);
  console.log(`\n${text}`);
}

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

// 1. Harness speed
const harness = await benchHarness(workflows, {
  sizes: smoke ? [10] : [10, 100, 1000],
  runs: smoke ? 1 : 5,
  slowMs: 60_000,
});
section(
  "1. Harness speed (steps with a 1 s wait every 10th op and one retried step)",
  table(
    ["N", "invocations", "runDurable", "LocalDurableTestRunner (skipTime)", "ratio", "note"],
    harness.map((row) => [
      String(row.n),
      String(row.oursInvocations),
      `${formatMs(row.oursMs)} (median of ${row.oursRuns})`,
      `${formatMs(row.officialMs)} (median of ${row.officialRuns})`,
      formatRatio(row.officialMs / row.oursMs),
      row.note,
    ]),
  ),
);
for (const row of harness.filter((r) => r.n >= 100)) {
  const ratio = row.officialMs / row.oursMs;
  targets.push({
    target: `Harness at least 10x faster than LocalDurableTestRunner at N = ${row.n}`,
    measured: formatRatio(ratio),
    met: ratio >= 10,
  });
}

// 2. Replay cost
const replay = await benchReplay(workflows, {
  sizes: smoke ? [100] : [100, 1000, 10_000],
  runs: smoke ? 1 : 9,
  warmupOps: smoke ? 1 : 20_000,
});
section(
  "2. Replay cost (one invocation replaying N succeeded steps, fake in-process client)",
  table(
    ["N", "ours µs/op", "official µs/op", "official / ours", "checkpoints ours / official"],
    replay.map((row) => [
      String(row.n),
      row.oursUsPerOp.toFixed(1),
      row.officialUsPerOp.toFixed(1),
      formatRatio(row.officialUsPerOp / row.oursUsPerOp),
      `${row.oursCheckpoints} / ${row.officialCheckpoints}`,
    ]),
  ),
);
if (replay.length > 1) {
  const first = replay[0]!;
  const last = replay[replay.length - 1]!;
  const growth = last.oursUsPerOp / first.oursUsPerOp;
  targets.push({
    target: `Replay time per op flat from N = ${first.n} to N = ${last.n} (at most 1.5x growth)`,
    measured: `${first.oursUsPerOp.toFixed(1)} → ${last.oursUsPerOp.toFixed(1)} µs/op (${growth.toFixed(2)}x)`,
    met: growth <= 1.5,
  });
  const slower = replay.filter((row) => row.oursUsPerOp >= row.officialUsPerOp);
  targets.push({
    target: "Replay time per op below the official SDK's at every N",
    measured:
      slower.length === 0
        ? "below at every N"
        : `not below at N = ${slower.map((row) => `${row.n} (${row.oursUsPerOp.toFixed(1)} vs ${row.officialUsPerOp.toFixed(1)} µs)`).join(", ")}`,
    met: slower.length === 0,
  });
}

// 3. Function size and start
const sizes = await benchSize({ importRuns: smoke ? 1 : 9 });
section(
  "3. Function size and start (examples/01-hello-step, minified ESM)",
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
{
  const ours = sizes.find((r) => r.flavor === "ours" && r.awsSdk === "external")!;
  const official = sizes.find((r) => r.flavor === "official" && r.awsSdk === "external")!;
  const share = ours.runtimeBytes / official.runtimeBytes;
  targets.push({
    target: "Our runtime's share of the bundle at most a third of the official SDK's",
    measured: `${formatBytes(ours.runtimeBytes)} vs ${formatBytes(official.runtimeBytes)} (${share.toFixed(2)})`,
    met: share <= 1 / 3,
  });
}

// 4. Checkpoint calls
const checkpoints = await benchCheckpoints(workflows);
section(
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
  targets.push({
    target: `No more checkpoint requests than the official SDK: ${workflow}`,
    measured: `${ours.requests} vs ${official.requests}`,
    met: ours.requests <= official.requests,
  });
}

// 5. Local service
const service = await benchService(
  smoke
    ? { steps: 10, executions: 3, concurrency: 2 }
    : { steps: 500, executions: 100, concurrency: 8 },
);
section(
  "5. Local service over HTTP on loopback (startLocalServer, @aws-sdk/client-lambda)",
  table(
    ["measure", "value"],
    [
      [
        `checkpoint requests/s (one ${service.stepsPerExecution}-step execution, ${service.checkpointRequests} requests)`,
        service.checkpointsPerSecond.toFixed(0),
      ],
      [
        `executions/s, 2 steps, one at a time (${service.executions} executions)`,
        service.sequentialExecutionsPerSecond.toFixed(1),
      ],
      [
        `executions/s, 2 steps, ${service.concurrency} clients at once (${service.executions} executions)`,
        service.concurrentExecutionsPerSecond.toFixed(1),
      ],
    ],
  ),
);

// 6. The whole test suite
if (!smoke) {
  const suite = benchSuite();
  section(
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
  targets.push({
    target: "pnpm test for the whole repository under 60 s cold",
    measured: `${formatMs(suite.coldMs)}${suite.coldOk ? "" : " (tests failed)"}`,
    met: suite.coldOk && suite.coldMs < 60_000,
  });
}

section(
  "Targets",
  table(
    ["target", "measured", "met"],
    targets.map((t) => [t.target, t.measured, t.met ? "met" : "MISSED"]),
  ),
);

if (!smoke) {
  const readmePath = join(benchDir, "README.md");
  const readme = readFileSync(readmePath, "utf8");
  const start = "<!-- results:start -->";
  const end = "<!-- results:end -->";
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${readmePath} has no ${start} ... ${end} section`);
  const results = [`Measured ${date} on ${machine}.`, ...sections].join("\n\n");
  writeFileSync(
    readmePath,
    `${readme.slice(0, from + start.length)}\n${results}\n${readme.slice(to)}`,
  );
  console.log(`\nwrote ${readmePath}`);
}
