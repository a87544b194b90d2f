// What every command-line entry point here shares: one "[tool]" prefix on every message, usage
// and results on stdout, progress and errors on stderr, and exit codes by kind of failure
// (0 ok, 1 failure, 2 bad usage), as style.md "CLI output" asks.
import { realpathSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

/** The repository root: the folder that holds scripts/. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** A failure the user can act on; the CLI prints its message and exits 1. */
export class ScriptError extends Error {
  /** @param {string} message @param {ErrorOptions} [options] */
  constructor(message, options) {
    super(message, options);
    this.name = "ScriptError";
  }
}

/** Bad arguments; the CLI prints the message and the usage, and exits 2. */
export class UsageError extends ScriptError {
  /** @param {string} message @param {ErrorOptions} [options] */
  constructor(message, options) {
    super(message, options);
    this.name = "UsageError";
  }
}

/**
 * A path as people should read it: relative to the repository root when inside it.
 * @param {string} path
 */
export function displayPath(path) {
  const fromRoot = relative(repoRoot, path);
  return fromRoot.startsWith("..") || isAbsolute(fromRoot) ? path : fromRoot;
}

/**
 * True when the module at `moduleUrl` is the script node was started with. Compares real paths,
 * because pnpm starts bins through node_modules symlinks.
 * @param {string} moduleUrl import.meta.url of the caller
 */
export function isMain(moduleUrl) {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}

/**
 * @typedef {object} CliSpec
 * @property {string} tool name used as the "[tool]" prefix
 * @property {string} usage full usage text printed by --help and after a usage error
 * @property {import("node:util").ParseArgsConfig["options"]} options
 * @property {boolean} [allowPositionals]
 */

/**
 * Parses argv, handles --help, runs `main` and turns what it throws into a message and an exit
 * code. `main` gets the parsed values and positionals and returns nothing on success.
 * @param {CliSpec} spec
 * @param {(args: { values: Record<string, unknown>, positionals: string[] }) => Promise<void> | void} main
 */
export async function runCli(spec, main) {
  const print = (/** @type {string} */ message) => console.error(`[${spec.tool}] ${message}`);
  try {
    const args = parseCliArgs(spec);
    if (args.values.help) {
      console.log(spec.usage);
      return;
    }
    await main(args);
  } catch (error) {
    if (error instanceof UsageError) {
      print(error.message);
      console.error(spec.usage);
      process.exitCode = 2;
    } else if (error instanceof ScriptError) {
      print(error.message);
      process.exitCode = 1;
    } else {
      print(error instanceof Error ? (error.stack ?? error.message) : String(error));
      process.exitCode = 1;
    }
  }
}

/** @param {CliSpec} spec */
function parseCliArgs(spec) {
  try {
    return parseArgs({
      args: process.argv.slice(2),
      options: { ...spec.options, help: { type: "boolean", short: "h" } },
      allowPositionals: spec.allowPositionals ?? false,
      strict: true,
    });
  } catch (error) {
    // node's messages run on with advice about "--"; the first sentence says what was wrong.
    const message = error instanceof Error ? error.message : String(error);
    const firstSentence = message.split(". ")[0] ?? message;
    throw new UsageError(`${firstSentence.replace(/\.$/, "")}.`, { cause: error });
  }
}
