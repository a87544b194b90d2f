// durable replay: will executions recorded (or running now) replay on changed code? It loads a
// handler, replays each history against it with the harness's replayHistory, and prints one
// verdict per history: compatible, completed, or incompatible with the first divergence.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { loadHistory, replayHistory } from "@durable-examples/testing";
import { tsImport } from "tsx/esm/api";
import { displayPath, ScriptError, UsageError } from "../cli.mjs";
import { exportHistory } from "./export.mjs";
import { plural } from "./format.mjs";

const SOURCE_EXTENSIONS = [".ts", ".mts", ".cts"];
const BUNDLE_EXTENSIONS = [".mjs", ".js", ".cjs"];

/** @type {import("./args.mjs").CommandSpec} */
export const replayCommand = {
  name: "replay",
  synopsis: "replay <file|folder|execution-arn> --handler PATH [--json]",
  summary: "check that recorded executions replay on a handler",
  help: `Replays recorded executions against a handler, as Lambda would on their next invocation
(the harness's replayHistory), and says for each whether the code can go on with it:
compatible (what the code would do next), completed (an ended execution never runs again), or
incompatible, with the first divergence: the position, what the history has there and what the
code asked for. <file|folder|execution-arn> is a history file, a folder of them (*.json), or an
execution's ARN, which is exported first (as durable export does).

  --handler PATH  the handler to check: a TypeScript source (${SOURCE_EXTENSIONS.join(", ")}, run
                  through tsx) or a bundle (${BUNDLE_EXTENSIONS.join(", ")}, e.g. dist/index.mjs)
                  that exports \`handler\`
  --json          print the verdicts as JSON

Exit status: 0 when every execution can go on, 1 when any cannot, 2 on bad usage.`,
  options: { handler: { type: "string" }, json: { type: "boolean" } },
  args: ["history"],
  run: replay,
};

/**
 * @typedef {object} ReplayResult one history's verdict, as --json prints it
 * @property {string} source the file or execution ARN it came from
 * @property {string} [executionArn]
 * @property {string} [status] the execution's status when recorded
 * @property {boolean} compatible
 * @property {boolean} completed
 * @property {import("@durable-examples/testing").Divergence} [divergence]
 * @property {string[]} next what the code would add after the recorded operations
 * @property {string} message
 */

/** @param {import("./context.mjs").CommandContext} context */
async function replay({ values, args, connect, out, json, log }) {
  const handlerPath = /** @type {string | undefined} */ (values.handler);
  if (handlerPath === undefined || handlerPath === "") {
    throw new UsageError(
      "durable replay needs --handler PATH: the handler to check, e.g. --handler src/handler.ts or --handler dist/index.mjs.",
    );
  }
  const given = args.history;
  const files = isExecutionArn(given) ? undefined : historyFiles(given);
  const handler = await loadHandler(handlerPath);

  /** @type {ReplayResult[]} */
  const results = [];
  if (files === undefined) {
    const { client, target } = await connect();
    log(`exporting ${given}`);
    const history = await exportHistory(client, target, given);
    results.push(await replayOne(handler, history, given));
  } else {
    for (const file of files) {
      /** @type {import("@durable-examples/testing").DurableHistory} */
      let history;
      try {
        history = loadHistory(file);
      } catch (error) {
        throw new ScriptError(error instanceof Error ? error.message : String(error), {
          cause: error,
        });
      }
      results.push(await replayOne(handler, history, displayPath(file)));
    }
  }

  if (values.json) json(results);
  else out(results.map(formatResult).join("\n"));
  const failed = results.filter((result) => !result.compatible);
  const counts = countVerdicts(results);
  if (failed.length > 0) {
    throw new ScriptError(
      `${failed.length} of ${results.length} ${plural(results.length, "execution")} would not replay on ${displayPath(resolve(handlerPath))} (${counts}).`,
    );
  }
  log(`every execution can go on under ${displayPath(resolve(handlerPath))} (${counts})`);
}

/**
 * Replays one history and keeps what --json and the deploy gate report.
 * @param {import("@durable-examples/testing").LambdaHandler} handler
 * @param {import("@durable-examples/testing").DurableHistory} history
 * @param {string} source
 * @returns {Promise<ReplayResult>}
 */
export async function replayOne(handler, history, source) {
  const verdict = await replayHistory(handler, history);
  return {
    source,
    executionArn: history.executionArn,
    status: history.status,
    compatible: verdict.compatible,
    completed: verdict.completed,
    ...(verdict.divergence === undefined ? {} : { divergence: verdict.divergence }),
    next: verdict.next,
    message: verdict.message,
  };
}

/**
 * A verdict for people: the source and one word, then the harness's sentence, which names the
 * first divergence (position, what was recorded, what the code asked for) or what comes next.
 * @param {ReplayResult} result
 * @example
 * formatResult(result) ===
 *   'histories/waiting.json: incompatible\n  Not compatible: at operation 1 the history has step "load-order", …'
 */
export function formatResult(result) {
  return `${result.source}: ${verdictWord(result)}\n  ${result.message}`;
}

/** @param {ReplayResult} result */
function verdictWord(result) {
  if (result.completed) return `completed (${result.status}), never runs again`;
  return result.compatible ? "compatible" : "incompatible";
}

/**
 * "2 compatible, 1 completed, 1 incompatible", leaving out kinds there are none of.
 * @param {ReplayResult[]} results
 */
export function countVerdicts(results) {
  const completed = results.filter((result) => result.completed).length;
  const incompatible = results.filter((result) => !result.compatible).length;
  const compatible = results.length - completed - incompatible;
  return [
    compatible > 0 ? `${compatible} compatible` : "",
    completed > 0 ? `${completed} completed` : "",
    incompatible > 0 ? `${incompatible} incompatible` : "",
  ]
    .filter(Boolean)
    .join(", ");
}

/**
 * Loads the `handler` export of a TypeScript source (through tsx) or of a JavaScript bundle.
 * A bundle is imported under its content's hash, so a file rebuilt in place (as deploy does)
 * is loaded afresh rather than from the module cache.
 * @param {string} path
 * @returns {Promise<import("@durable-examples/testing").LambdaHandler>}
 * @example const handler = await loadHandler("examples/12-versioning/dist/index.mjs");
 */
export async function loadHandler(path) {
  const file = resolve(path);
  const extension = extname(file);
  const accepted = [...SOURCE_EXTENSIONS, ...BUNDLE_EXTENSIONS].join(", ");
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw new UsageError(
      `--handler ${path}: no such file. Give a handler source or bundle (${accepted}).`,
    );
  }
  const isSource = SOURCE_EXTENSIONS.includes(extension);
  if (!isSource && !BUNDLE_EXTENSIONS.includes(extension)) {
    throw new UsageError(
      `--handler ${path}: "${extension || "no extension"}" is not a handler; accepted: ${accepted}.`,
    );
  }
  const url = pathToFileURL(file);
  /** @type {Record<string, unknown>} */
  let module;
  try {
    if (isSource) {
      module = await tsImport(url.href, import.meta.url);
    } else {
      url.searchParams.set("sha256", createHash("sha256").update(readFileSync(file)).digest("hex"));
      module = await import(url.href);
    }
  } catch (error) {
    throw new ScriptError(
      `Failed to load the handler ${displayPath(file)}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  // A CommonJS module imported as ESM puts its exports under `default`.
  const handler =
    module.handler ?? /** @type {Record<string, unknown> | undefined} */ (module.default)?.handler;
  if (typeof handler !== "function") {
    const names = Object.keys(module).filter((name) => name !== "default");
    throw new UsageError(
      `--handler ${path} does not export a function named \`handler\` (it exports ${names.length > 0 ? names.join(", ") : "nothing"}). Export the function Lambda calls as \`handler\`, wrapped with withDurableExecution.`,
    );
  }
  return /** @type {import("@durable-examples/testing").LambdaHandler} */ (handler);
}

/** @param {string} text */
function isExecutionArn(text) {
  return text.startsWith("arn:");
}

/**
 * The history files a path names: the file itself, or every *.json in a folder, sorted.
 * @param {string} given
 */
function historyFiles(given) {
  const path = resolve(given);
  if (!existsSync(path)) {
    throw new UsageError(
      `"${given}" is not a history file, a folder of them, or an execution ARN (arn:aws:lambda:…).`,
    );
  }
  if (statSync(path).isFile()) return [path];
  const files = readdirSync(path)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => join(path, name));
  if (files.length === 0) {
    throw new UsageError(`${given} has no history files (*.json): record or export some first.`);
  }
  return files;
}
