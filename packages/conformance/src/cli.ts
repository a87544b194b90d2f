#!/usr/bin/env node
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { RequirementsDirectoryError } from "./errors.js";
import { exitCode, formatReport } from "./report.js";
import { compareIds, type LoadedRequirements, loadRequirements } from "./requirements.js";
import type { HandlerEntry } from "./types/handler-entry.js";
import type { RequirementOutcome } from "./types/outcome.js";

const USAGE = "Usage: conformance [dir] [--filter <prefix>]";
const HELP = `${USAGE}

Runs the conformance requirements (*.yaml, one per file, in suite folders) against the
project's runtime on the in-memory service, and prints one row per requirement.

  dir                the requirements folder; default: the shared/conformance folder beside
                     the repository (${defaultDirectory()})
  --filter <prefix>  run only requirements whose id or suite starts with <prefix>,
                     for example 1- (ids 1-x), 1-1 (1-1 and 1-10 to 1-19) or wait
  -h, --help         show this help

Exit status: 0 when every requirement that is not optional passed (not implemented ones are
listed but do not fail the run), 1 when one failed, 2 on bad usage.`;

const log = (line: string) => process.stderr.write(`[conformance] ${line}\n`);

async function main(argv: readonly string[]): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (error) {
    log(`${(error as Error).message}`);
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  if (args.values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (args.positionals.length > 1) {
    log(
      `expected at most one folder, got ${args.positionals.length}: ${args.positionals.join(" ")}`,
    );
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  // Through `pnpm conformance` the working directory is this package; a relative folder means
  // relative to where the user typed the command, which pnpm passes as INIT_CWD.
  const given = args.positionals[0];
  const directory =
    given === undefined
      ? defaultDirectory()
      : resolve(process.env.INIT_CWD ?? process.cwd(), given);

  let loaded: LoadedRequirements;
  try {
    loaded = await loadRequirements(directory);
  } catch (error) {
    if (!(error instanceof RequirementsDirectoryError)) throw error;
    log(`${error.message} Pass the requirements folder: conformance <dir>.`);
    return 1;
  }

  const prefix = args.values.filter;
  const selected = (item: { id: string; suite: string }) =>
    prefix === undefined || item.id.startsWith(prefix) || item.suite.startsWith(prefix);
  const requirements = loaded.requirements.filter(selected);
  const invalid = loaded.invalid.filter(selected);
  if (requirements.length + invalid.length === 0) {
    log(`no requirement in ${directory} has an id or suite starting with "${prefix}".`);
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }

  let modules: [typeof import("./run.js"), Readonly<Record<string, HandlerEntry>>];
  try {
    const [run, { handlers }] = await Promise.all([
      import("./run.js"),
      import("./handlers/index.js"),
    ]);
    modules = [run, handlers];
  } catch (error) {
    log(
      `Failed to load the handlers: ${(error as Error).message}. Build the workspace first: pnpm build (from the repository root).`,
    );
    return 1;
  }
  const [{ invalidOutcome, runRequirements }, handlers] = modules;
  if (prefix === undefined) {
    const ids = new Set([...loaded.requirements, ...loaded.invalid].map((item) => item.id));
    for (const id of Object.keys(handlers).filter((id) => !ids.has(id))) {
      log(`handler ${id} has no requirement file in ${directory}; it was not run.`);
    }
  }

  const invalidNote = invalid.length > 0 ? ` (${invalid.length} invalid files not run)` : "";
  log(`running ${requirements.length} requirements from ${directory}${invalidNote}`);
  const outcomes: RequirementOutcome[] = [
    ...invalid.map(invalidOutcome),
    ...(await runRequirements(requirements, { handlers })),
  ].sort((a, b) => compareIds(a.id, b.id));
  process.stdout.write(`${formatReport(outcomes)}\n`);
  return exitCode(outcomes);
}

function parse(argv: readonly string[]) {
  // `pnpm conformance -- --filter 1-` passes the `--` on; it would make every option positional.
  const args = argv[0] === "--" ? argv.slice(1) : [...argv];
  return parseArgs({
    args,
    allowPositionals: true,
    options: { filter: { type: "string" }, help: { type: "boolean", short: "h" } },
  });
}

/** `shared/conformance` beside the repository: three folders up from the package root. */
function defaultDirectory(): string {
  const packageRoot = fileURLToPath(new URL("..", import.meta.url));
  return resolve(packageRoot, "../../../shared/conformance");
}

process.exitCode = await main(process.argv.slice(2));
