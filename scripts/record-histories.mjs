#!/usr/bin/env node
// record-histories: re-records the histories an example keeps, from the recordings its
// test/histories.ts exports, into its histories/ folder.
import { existsSync, readdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { tsImport } from "tsx/esm/api";
import { displayPath, isMain, repoRoot, runCli, ScriptError } from "./lib/cli.mjs";

const USAGE = `usage: record-histories [example-dir ...]

Records again each execution an example's test/histories.ts exports (\`recordings\`: file name to
a function that makes its history) into <example-dir>/histories/<name>.json, and removes files
there that no recording makes any more. With no folder: the current one, as \`pnpm
record-histories\` in an example runs it; from the repository root, every example that has
test/histories.ts.

  -h, --help  show this help`;

/**
 * Records the histories of one example; returns the files written.
 * @param {string} exampleDir
 */
export async function recordExampleHistories(exampleDir) {
  const source = join(exampleDir, "test", "histories.ts");
  if (!existsSync(source)) {
    throw new ScriptError(
      `${displayPath(exampleDir)} has no test/histories.ts: export the recordings to keep there, as examples/04-human-approval does.`,
    );
  }
  const { recordings } = await tsImport(pathToFileURL(source).href, import.meta.url);
  if (typeof recordings !== "object" || recordings === null) {
    throw new ScriptError(`${displayPath(source)} must export \`recordings\`, got none.`);
  }
  // The example's own copy of the harness, so the histories come from the code its tests run.
  const testing = await tsImport("@durable-examples/testing", pathToFileURL(source).href);
  const folder = join(exampleDir, "histories");
  const written = await testing.recordHistories(folder, recordings);
  const kept = new Set(written.map((path) => resolve(path)));
  for (const name of readdirSync(folder)) {
    const path = resolve(folder, name);
    if (name.endsWith(".json") && !kept.has(path)) rmSync(path);
  }
  return written;
}

if (isMain(import.meta.url)) {
  await runCli(
    { tool: "record-histories", usage: USAGE, options: {}, allowPositionals: true },
    async ({ positionals }) => {
      const atRoot = resolve(process.cwd()) === repoRoot;
      const examples =
        positionals.length > 0
          ? positionals.map((dir) => resolve(dir))
          : atRoot
            ? readdirSync(join(repoRoot, "examples"))
                .map((name) => join(repoRoot, "examples", name))
                .filter((dir) => existsSync(join(dir, "test", "histories.ts")))
            : [process.cwd()];
      for (const dir of examples) {
        for (const path of await recordExampleHistories(dir)) {
          console.error(`[record-histories] ${displayPath(path)}`);
        }
      }
    },
  );
}
