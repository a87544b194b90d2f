/** 6. The whole test suite: `turbo run test` forced (cold) and then again from turbo's cache (warm). */
import { spawnSync } from "node:child_process";
import { repoRoot } from "./build.js";
import { nowMs } from "./stats.js";

export interface SuiteResult {
  coldMs: number;
  coldOk: boolean;
  warmMs: number;
  warmOk: boolean;
  output: string;
}

function turboTest(extra: string[]) {
  const start = nowMs();
  const result = spawnSync(
    "pnpm",
    ["exec", "turbo", "run", "test", "--output-logs=errors-only", ...extra],
    {
      cwd: repoRoot,
      encoding: "utf8",
      env: { ...process.env, FORCE_COLOR: "0" },
    },
  );
  return {
    ms: nowMs() - start,
    ok: result.status === 0,
    output: `${result.stdout ?? ""}${result.stderr ?? ""}`,
  };
}

export function benchSuite(): SuiteResult {
  const cold = turboTest(["--force"]);
  const warm = turboTest([]);
  return {
    coldMs: cold.ms,
    coldOk: cold.ok,
    warmMs: warm.ms,
    warmOk: warm.ok,
    output: cold.ok && warm.ok ? "" : `${cold.output}\n${warm.output}`,
  };
}
