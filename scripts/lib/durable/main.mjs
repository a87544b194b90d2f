// The durable command line: finds the command, handles --help and usage errors, runs it, and
// turns what it throws into one "[durable]" line and an exit code (0 ok, 1 failed, 2 bad usage).
import { ScriptError, UsageError } from "../cli.mjs";
import { commandUsage, GLOBAL_HELP, parseCommandArgs, resolveCommand } from "./args.mjs";
import {
  callbackFailCommand,
  callbackHeartbeatCommand,
  callbackSucceedCommand,
} from "./callback.mjs";
import { createContext, PREFIX } from "./context.mjs";
import { deleteCommand } from "./delete.mjs";
import { deployCommand } from "./deploy.mjs";
import { getCommand, listCommand, stopCommand } from "./executions.mjs";
import { exportCommand } from "./export.mjs";
import { historyCommand } from "./history.mjs";
import { invokeCommand } from "./invoke.mjs";
import { replayCommand } from "./replay.mjs";

/** Every command, in the order `durable --help` lists them. */
export const COMMANDS = [
  invokeCommand,
  listCommand,
  getCommand,
  historyCommand,
  exportCommand,
  replayCommand,
  stopCommand,
  callbackSucceedCommand,
  callbackFailCommand,
  callbackHeartbeatCommand,
  deployCommand,
  deleteCommand,
];

const COMMAND_NAMES = [...new Set(COMMANDS.map((command) => command.name.split(" ")[0]))];

export const USAGE = `usage: durable <command> [options]

Manages Lambda durable functions on AWS, or on a Lambda-compatible endpoint such as the local
service (--endpoint http://127.0.0.1:9000). Run durable <command> --help for a command's options.

Commands:
${formatCommandList(COMMANDS)}

${GLOBAL_HELP}

Results go to stdout, progress and errors to stderr. Exit status: 0 done, 1 failed, 2 bad usage.`;

/**
 * "  list <function>   list a function's ..." for each command, summaries aligned.
 * @param {import("./args.mjs").CommandSpec[]} commands
 */
function formatCommandList(commands) {
  const heads = commands.map(
    (command) => `${command.name} ${command.args.map((arg) => `<${arg}>`).join(" ")}`,
  );
  const width = Math.max(...heads.map((head) => head.length));
  return commands
    .map((command, index) => `  ${heads[index]?.padEnd(width)}  ${command.summary}`)
    .join("\n");
}

/**
 * @param {string} group
 */
function groupUsage(group) {
  const members = COMMANDS.filter((command) => command.name.startsWith(`${group} `));
  return `usage: durable ${group} <${members.map((c) => c.name.split(" ")[1]).join("|")}> ...

${members.map((command) => `  durable ${command.synopsis}\n      ${command.summary}`).join("\n")}

Run durable ${group} <action> --help for an action's options.`;
}

/**
 * Runs the durable command line. Prints through `io` and returns the exit code instead of
 * exiting, so tests call it directly.
 * @param {string[]} argv the arguments after the program name
 * @param {import("./context.mjs").DurableIo} [io]
 * @returns {Promise<number>} 0 done, 1 failed, 2 bad usage
 * @example process.exitCode = await main(["list", "my-function", "--status", "RUNNING"]);
 */
export async function main(argv, io = {}) {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const fail = (/** @type {string} */ message) => stderr.write(`${PREFIX} ${message}\n`);
  /** @type {string} */
  let usage = USAGE;
  try {
    const resolved = resolveCommand(argv, COMMANDS);
    const { command, group, help, positionals } = resolved;
    if (command !== undefined) usage = commandUsage(command);
    else if (group !== undefined) usage = groupUsage(group);
    if (help) {
      stdout.write(`${usage}\n`);
      return 0;
    }
    if (command === undefined) {
      if (group !== undefined) {
        const actions = COMMANDS.filter((c) => c.name.startsWith(`${group} `)).map(
          (c) => c.name.split(" ")[1],
        );
        const given = positionals[1];
        throw new UsageError(
          given === undefined
            ? `durable ${group} needs an action: ${actions.join(", ")}.`
            : `Unknown ${group} action "${given}". Accepted: ${actions.join(", ")}.`,
        );
      }
      const given = positionals[0];
      throw new UsageError(
        given === undefined
          ? `Missing command. Accepted: ${COMMAND_NAMES.join(", ")}.`
          : `Unknown command "${given}". Accepted: ${COMMAND_NAMES.join(", ")}.`,
      );
    }
    const parsed = parseCommandArgs(command, argv);
    await command.run(createContext(io, parsed));
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      fail(error.message);
      stderr.write(`${usage}\n`);
      return 2;
    }
    if (error instanceof ScriptError) {
      fail(error.message);
      return 1;
    }
    fail(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return 1;
  }
}
