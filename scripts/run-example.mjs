#!/usr/bin/env node
// pnpm example <name> [--input '<json>'] [--answer <callback>=<json>] [--reject <callback>=<text>]:
// builds an example (and what it imports), then runs its deployable bundle to the end on the
// in-memory durable service with virtual time, answering its callbacks as told (or asking, at a
// terminal), and prints the result and the timeline. Exits 1 if the execution did not succeed.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const examplesDir = join(root, "examples");
const usage = `usage: pnpm example <name> [--input '<json>'] [--answer <callback>=<json>]... [--reject <callback>=<text>]...
  e.g. pnpm example 01-hello-step
       pnpm example 04 --answer manager-approval='{"approvedBy":"grace@example.com"}'

  --input '<json>'          the execution's input (default: the example's sample input)
  --answer <callback>=<json> succeed the callback of that name with the value, when it starts
  --reject <callback>=<text> fail the callback of that name with the message
At a terminal, a callback with no answer given is asked for; otherwise it runs to its timeout.`;

function fail(message, code = 1) {
  console.error(`[example] ${message}`);
  process.exit(code);
}

let parsed;
try {
  parsed = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: {
      input: { type: "string" },
      answer: { type: "string", multiple: true },
      reject: { type: "string", multiple: true },
      help: { type: "boolean", short: "h" },
    },
  });
} catch (error) {
  fail(`${error.message.split(". ")[0]}.\n${usage}`, 2);
}
if (parsed.values.help) {
  console.log(usage);
  process.exit(0);
}
const examples = readdirSync(examplesDir)
  .filter((name) => existsSync(join(examplesDir, name, "package.json")))
  .sort();
const [query, ...extra] = parsed.positionals;
if (query === undefined || extra.length > 0) fail(`${usage}\nexamples: ${examples.join(", ")}`, 2);

// Accept the folder name, its number, or the name without the number.
const match = examples.filter(
  (name) => name === query || name.slice(3) === query || Number(name.slice(0, 2)) === Number(query),
);
if (match.length !== 1) fail(`no example "${query}". Examples: ${examples.join(", ")}`, 2);
const example = match[0];
const exampleDir = join(examplesDir, example);
const manifest = JSON.parse(readFileSync(join(exampleDir, "package.json"), "utf8"));

let input = manifest.durableExample?.input ?? {};
if (parsed.values.input !== undefined) {
  try {
    input = JSON.parse(parsed.values.input);
  } catch (error) {
    fail(`--input must be JSON, e.g. --input '{"name":"Ada"}': ${error.message}`, 2);
  }
}
const callbacks = [
  ...(parsed.values.answer ?? []).map((flag) => {
    const [name, text] = splitFlag("--answer", flag);
    try {
      return { name, succeed: JSON.parse(text) };
    } catch (error) {
      return fail(`--answer ${name}=...: the value must be JSON: ${error.message}`, 2);
    }
  }),
  ...(parsed.values.reject ?? []).map((flag) => {
    const [name, text] = splitFlag("--reject", flag);
    return { name, fail: text };
  }),
];

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
const started = performance.now();
const { startDurable } = await import(
  pathToFileURL(join(root, "packages", "testing", "dist", "index.js")).href
);
const execution = startDurable(bundle.handler, { input, functions, callbacks });
if (process.stdin.isTTY) await askForAnswers(execution, new Set(callbacks.map((c) => c.name)));
const run = await execution.result();
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
if (run.status !== "SUCCEEDED") process.exitCode = 1;

/** `name=value` of a flag, split at the first `=`. */
function splitFlag(flag, value) {
  const at = value.indexOf("=");
  if (at <= 0) fail(`${flag} takes <callback>=<value>, got ${JSON.stringify(value)}.`, 2);
  return [value.slice(0, at), value.slice(at + 1)];
}

/** At a terminal: asks for each callback the execution waits on that no flag answers. */
async function askForAnswers(execution, declared) {
  const terminal = createInterface({ input: process.stdin, output: process.stderr });
  const skipped = new Set();
  try {
    for (;;) {
      const waiting = (await execution.waitingCallbacks()).filter(
        (callback) => !declared.has(callback.name) && !skipped.has(callback.callbackId),
      );
      if (waiting.length === 0) return;
      for (const callback of waiting) {
        const reply = await terminal.question(
          `[example] callback "${callback.name ?? "(unnamed)"}" waits (id ${callback.callbackId}).\n  Answer with JSON to succeed it, "fail <message>" to fail it, or nothing to let it time out: `,
        );
        if (reply.trim() === "") skipped.add(callback.callbackId);
        else if (reply.startsWith("fail")) await callback.fail(reply.slice(4).trim() || "Rejected");
        else {
          try {
            await callback.succeed(JSON.parse(reply));
          } catch (error) {
            console.error(`[example] not JSON (${error.message}); sending it as text`);
            await callback.succeed(reply);
          }
        }
      }
    }
  } finally {
    terminal.close();
  }
}

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
