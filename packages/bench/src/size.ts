/**
 * 3. Function size and start: examples/01-hello-step bundled for Lambda with each runtime, built
 * by the esbuild options of scripts/build-example.mjs itself, `@aws-sdk/*` external and bundled;
 * the runtime's share from esbuild's metafile; the time to import() each bundle in a fresh node
 * process.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, statSync } from "node:fs";
import { join, resolve, sep } from "node:path";
import { benchDir, buildLambdaBundle, type Flavor, flavors, outRoot, repoRoot } from "./build.js";
import { median } from "./stats.js";

export interface SizeRow {
  flavor: Flavor;
  awsSdk: "external" | "bundled";
  bytes: number;
  runtimeBytes: number;
  importMs: number;
}

const EXAMPLE = join(repoRoot, "examples", "01-hello-step");

function isRuntimeInput(flavor: Flavor, absolute: string): boolean {
  return flavor === "ours"
    ? absolute.startsWith(join(repoRoot, "packages", "runtime") + sep)
    : absolute.includes(`${sep}@aws${sep}durable-execution-sdk-js${sep}`);
}

/** Median milliseconds of `await import(bundle)` in a fresh node process each time. */
function importTime(bundle: string, runs: number): number {
  const code =
    "const t = process.hrtime.bigint(); await import(process.argv[1]); " +
    "console.log(Number(process.hrtime.bigint() - t) / 1e6);";
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", code, bundle], {
      cwd: benchDir,
      encoding: "utf8",
    });
    times.push(Number(out.trim()));
  }
  return median(times);
}

export async function benchSize(options: { importRuns: number }): Promise<SizeRow[]> {
  const outDir = join(outRoot, "size");
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const rows: SizeRow[] = [];
  for (const awsSdk of ["external", "bundled"] as const) {
    for (const flavor of flavors) {
      const outfile = join(outDir, `${flavor}-${awsSdk}`, "index.mjs");
      const metafile = await buildLambdaBundle(
        flavor,
        EXAMPLE,
        join(EXAMPLE, "src", "handler.ts"),
        outfile,
        awsSdk === "external",
      );
      let runtimeBytes = 0;
      for (const output of Object.values(metafile.outputs)) {
        for (const [input, info] of Object.entries(output.inputs)) {
          if (isRuntimeInput(flavor, resolve(EXAMPLE, input))) runtimeBytes += info.bytesInOutput;
        }
      }
      rows.push({
        flavor,
        awsSdk,
        bytes: statSync(outfile).size,
        runtimeBytes,
        importMs: importTime(outfile, options.importRuns),
      });
    }
  }
  return rows;
}
