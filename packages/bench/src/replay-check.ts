/**
 * 7. Replay checks: `checkReplay` on the waits workflow (N operations, a wait every 10th), each
 * size in a fresh node process with a time budget, since a check that scales badly can take
 * hours. Once a size runs over its budget the larger ones are not tried. The growth exponent is
 * the slope of log(time) against log(N) over the sizes that finished.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { benchDir, outRoot } from "./build.js";
import type { Report } from "./report.js";
import { formatMs, growthExponent, table } from "./stats.js";

export interface ReplayCheckRow {
  n: number;
  /** Undefined when the check ran over budget or was not tried. */
  ms: number | undefined;
  crashPoints: number | undefined;
  note: string;
}

/**
 * Only the public contract is used: `checkReplay(handler, { input, maxInvocations })` resolving
 * to `{ crashPoints, ... }`, so the table works unchanged whatever the check does inside.
 */
const CHILD = `
import { checkReplay } from "@durable-examples/testing";
const [bundle, n] = process.argv.slice(1);
const { handler } = await import(bundle);
const start = process.hrtime.bigint();
const report = await checkReplay(handler, { input: { n: Number(n) }, maxInvocations: 100000 });
const ms = Number(process.hrtime.bigint() - start) / 1e6;
console.log(JSON.stringify({ ms, crashPoints: report.crashPoints }));
`;

export function benchReplayCheck(options: { sizes: number[]; budgetMs: number }): {
  rows: ReplayCheckRow[];
  exponent: number;
} {
  const bundle = join(outRoot, "workflows", "ours", "waits.mjs");
  const rows: ReplayCheckRow[] = [];
  let over = false;
  for (const n of options.sizes) {
    if (over) {
      rows.push({ n, ms: undefined, crashPoints: undefined, note: "skipped: over budget" });
      continue;
    }
    const result = spawnSync(
      process.execPath,
      ["--input-type=module", "-e", CHILD, bundle, String(n)],
      { cwd: benchDir, encoding: "utf8", timeout: options.budgetMs, killSignal: "SIGKILL" },
    );
    if (
      result.signal !== null ||
      (result.error as { code?: string } | undefined)?.code === "ETIMEDOUT"
    ) {
      over = true;
      rows.push({
        n,
        ms: undefined,
        crashPoints: undefined,
        note: `over budget: stopped after ${options.budgetMs / 1000} s`,
      });
      continue;
    }
    if (result.status !== 0) throw new Error(`checkReplay n=${n} failed: ${result.stderr}`);
    const line = result.stdout.trim().split("\n").pop() ?? "";
    const { ms, crashPoints } = JSON.parse(line) as { ms: number; crashPoints: number };
    rows.push({ n, ms, crashPoints, note: "" });
  }
  const finished = rows.filter((row) => row.ms !== undefined) as { n: number; ms: number }[];
  return { rows, exponent: growthExponent(finished) };
}

export function reportReplayCheck(
  report: Report,
  check: { rows: ReplayCheckRow[]; exponent: number },
): void {
  const exponent = Number.isFinite(check.exponent)
    ? check.exponent.toFixed(2)
    : "n/a (fewer than two sizes finished)";
  report.section(
    "7. checkReplay (steps with a 1 s wait every 10th op; each size in a fresh process)",
    `Each size has a time budget; once one runs over it, larger sizes are not tried. Growth exponent, the slope of log(time) against log(N) over the sizes that finished: ${exponent}.`,
    table(
      ["N", "checkReplay", "crash points", "per crash point", "note"],
      check.rows.map((row) => [
        String(row.n),
        row.ms === undefined ? "-" : formatMs(row.ms),
        row.crashPoints === undefined ? "-" : String(row.crashPoints),
        row.ms === undefined || !row.crashPoints ? "-" : formatMs(row.ms / row.crashPoints),
        row.note,
      ]),
    ),
  );
}
