// How durable reads its command line: global options anywhere, a command (or a group and its
// action, as in "callback succeed"), then that command's options and positional arguments.
import { parseArgs } from "node:util";
import { UsageError } from "../cli.mjs";

/** @typedef {{ type: "string" | "boolean", short?: string }} OptionSpec */

/**
 * @typedef {object} CommandSpec
 * @property {string} name the words after "durable": "list", "callback succeed"
 * @property {string} synopsis the usage line after "durable "
 * @property {string} summary one line for `durable --help`
 * @property {string} help what it does and its options, for `durable <command> --help`
 * @property {Record<string, OptionSpec>} options besides the global ones
 * @property {string[]} args names of its positional arguments, all required
 * @property {(context: import("./context.mjs").CommandContext) => Promise<void>} run
 */

/** @type {Record<string, OptionSpec>} */
export const GLOBAL_OPTIONS = {
  region: { type: "string" },
  profile: { type: "string" },
  endpoint: { type: "string" },
  help: { type: "boolean", short: "h" },
};

export const GLOBAL_HELP = `Global options (any command):
  --region REGION  AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, then your profile's
                   region; us-east-1 for a local endpoint)
  --profile NAME   shared config and credentials profile (default: AWS_PROFILE)
  --endpoint URL   Lambda endpoint, e.g. http://127.0.0.1:9000 for a local Lambda-compatible
                   service (default: AWS_ENDPOINT_URL_LAMBDA, then AWS_ENDPOINT_URL, then AWS)
  -h, --help       show help`;

/**
 * The full help of one command.
 * @param {CommandSpec} command
 */
export function commandUsage(command) {
  return `usage: durable ${command.synopsis}\n\n${command.help}\n\n${GLOBAL_HELP}`;
}

/**
 * @typedef {object} Resolved
 * @property {CommandSpec} [command] the command argv names, when it names one
 * @property {string} [group] the group argv names without (or with an unknown) action
 * @property {boolean} help whether --help or -h was given
 * @property {string[]} positionals every positional argument, command words included
 */

/**
 * Finds the command argv names. Every command's options are known here, so an option given
 * before the command name still takes its value with it.
 * @param {string[]} argv
 * @param {CommandSpec[]} commands
 * @returns {Resolved}
 */
export function resolveCommand(argv, commands) {
  const { values, positionals } = parseArgs({
    args: argv,
    options: allOptions(commands),
    strict: false,
    allowPositionals: true,
  });
  const help = values.help === true;
  const [first, second] = positionals;
  const exact = commands.find((command) => command.name === first);
  if (exact) return { command: exact, help, positionals };
  const inGroup = commands.filter((command) => command.name.startsWith(`${first} `));
  if (first === undefined || inGroup.length === 0) return { help, positionals };
  const command = inGroup.find((candidate) => candidate.name === `${first} ${second}`);
  return { command, group: first, help, positionals };
}

/**
 * Checks argv strictly against one command's options and arguments.
 * @param {CommandSpec} command
 * @param {string[]} argv
 * @returns {{ values: Record<string, string | boolean | undefined>, args: Record<string, string> }}
 */
export function parseCommandArgs(command, argv) {
  const options = { ...GLOBAL_OPTIONS, ...command.options };
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(explainParseError(error, command, options), { cause: error });
  }
  const words = command.name.split(" ").length;
  const given = parsed.positionals.slice(words);
  const missing = command.args.slice(given.length);
  if (missing.length > 0) {
    throw new UsageError(
      `durable ${command.name} needs ${missing.map((name) => `<${name}>`).join(" ")}.`,
    );
  }
  if (given.length > command.args.length) {
    const extra = given.slice(command.args.length).map((arg) => `"${arg}"`);
    const expected = command.args.map((name) => `<${name}>`).join(" ");
    throw new UsageError(
      `durable ${command.name} takes ${expected}, but also got ${extra.join(", ")}.`,
    );
  }
  /** @type {Record<string, string>} */
  const args = {};
  command.args.forEach((name, index) => {
    args[name] = /** @type {string} */ (given[index]);
  });
  return {
    values: /** @type {Record<string, string | boolean | undefined>} */ (parsed.values),
    args,
  };
}

/**
 * @param {unknown} error
 * @param {CommandSpec} command
 * @param {Record<string, OptionSpec>} options
 */
function explainParseError(error, command, options) {
  const message = error instanceof Error ? error.message : String(error);
  // node's messages run on with advice about "--"; the first sentence says what was wrong.
  const first = `${(message.split(". ")[0] ?? message).replace(/\.$/, "")}.`;
  const code = /** @type {{ code?: string }} */ (error).code;
  if (code !== "ERR_PARSE_ARGS_UNKNOWN_OPTION") return first;
  const accepted = Object.keys(options)
    .filter((name) => name !== "help")
    .map((name) => `--${name}`);
  return `${first} durable ${command.name} accepts ${accepted.join(", ")}.`;
}

/**
 * Every option of every command, for finding the command name. An option means the same thing
 * (takes a value or not) wherever it appears, so the union is well defined.
 * @param {CommandSpec[]} commands
 */
export function allOptions(commands) {
  /** @type {Record<string, OptionSpec>} */
  const union = { ...GLOBAL_OPTIONS };
  for (const command of commands) {
    for (const [name, spec] of Object.entries(command.options)) {
      const known = union[name];
      if (known && (known.type !== spec.type || known.short !== spec.short)) {
        throw new Error(`Option --${name} of "durable ${command.name}" clashes with another.`);
      }
      union[name] = spec;
    }
  }
  return union;
}
