#!/usr/bin/env node
// pnpm example <name> [--input '<json>']: builds an example (and what it imports), then runs its
// deployable bundle to the end on the in-memory durable service with virtual time, and prints the
// result and the timeline.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const examplesDir = join(root, "examples");
const usage = "usage: pnpm example <name> [--input '<json>']   e.g. pnpm example 01-hello-step";

function fail(message, code = 1) {
  console.error(`[example] ${message}`);
  process.exit(code);
}

const args = process.argv.slice(2);
if (args.includes("--help") || args.includes("-h")) {
  console.log(usage);
  process.exit(0);
}
const examples = readdirSync(examplesDir)
  .filter((name) => existsSync(join(examplesDir, name, "package.json")))
  .sort();
const [query, ...rest] = args;
if (query === undefined) fail(`${usage}\nexamples: ${examples.join(", ")}`, 2);

// Accept the folder name, its number, or the name without the number.
const match = examples.filter(
  (name) => name === query || name.slice(3) === query || Number(name.slice(0, 2)) === Number(query),
);
if (match.length !== 1) fail(`no example "${query}". Examples: ${examples.join(", ")}`, 2);
const example = match[0];
const exampleDir = join(examplesDir, example);
const manifest = JSON.parse(readFileSync(join(exampleDir, "package.json"), "utf8"));

let input = manifest.durableExample?.input ?? {};
const inputFlag = rest.indexOf("--input");
if (inputFlag >= 0) {
  try {
    input = JSON.parse(rest[inputFlag + 1] ?? "");
  } catch (error) {
    fail(`--input must be JSON, e.g. --input '{"name":"Ada"}': ${error.message}`, 2);
  }
}

console.error(`[example] building ${example} and the packages it uses`);
const build = spawnSync(
  "pnpm",
  ["exec", "turbo", "run", "build", `--filter=${manifest.name}...`, "--output-logs=errors-only"],
  {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
  },
);
if (build.status !== 0) fail("build failed; see the errors above");

const bundle = await import(pathToFileURL(join(exampleDir, "dist", "index.mjs")).href);
// Functions the example invokes, by function name: { "<name>": { "export": "<bundle export>", "durable"?: false } }.
const functions = {};
for (const [name, target] of Object.entries(manifest.durableExample?.functions ?? {})) {
  const handler = bundle[target.export];
  if (typeof handler !== "function")
    fail(`durableExample.functions["${name}"]: the bundle exports no function "${target.export}"`);
  functions[name] = { handler, durable: target.durable ?? true };
}
const { runDurable } = await import(
  pathToFileURL(join(root, "packages", "testing", "dist", "index.js")).href
);

const started = performance.now();
const run = await runDurable(bundle.handler, { input, functions });
const realMs = (performance.now() - started).toFixed(1);

console.log(`${manifest.durableExample?.title ?? example} (examples/${example})`);
console.log(`input:   ${JSON.stringify(input)}`);
console.log(
  `status:  ${run.status} after ${run.invocations.length} invocation(s), ${formatVirtual(run.elapsedMs)} of virtual time in ${realMs} ms`,
);
if (run.status === "SUCCEEDED") console.log(`result:  ${run.resultPayload ?? "(none)"}`);
else console.log(`error:   ${run.error?.ErrorType}: ${run.error?.ErrorMessage}`);
console.log("\ntimeline:");
console.log(run.timeline.replace(/^/gm, "  "));
console.log(
  `\nNext: read examples/${example}/README.md, or run its tests with pnpm --filter ${manifest.name} test`,
);

function formatVirtual(ms) {
  const units = [
    ["d", 86_400_000],
    ["h", 3_600_000],
    ["m", 60_000],
    ["s", 1_000],
  ];
  const parts = [];
  let rest = ms;
  for (const [unit, size] of units) {
    const count = Math.floor(rest / size);
    if (count > 0) parts.push(`${count}${unit}`);
    rest -= count * size;
  }
  return parts.length === 0 ? "0s" : parts.join("");
}
