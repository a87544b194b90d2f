// What a durable command gets to work with: its parsed options, one way to print results (stdout)
// and one to report progress (stderr, "[durable] " first), a client made on first use, and the
// confirmation every change asks for.
import { createInterface } from "node:readline/promises";
import { ScriptError, UsageError } from "../cli.mjs";
import { connect } from "./client.mjs";
import { formatKeyValues, toJson } from "./format.mjs";

/**
 * @typedef {object} DurableIo where durable reads and writes; main() defaults to the process's
 * @property {{ write(text: string): unknown }} [stdout]
 * @property {{ write(text: string): unknown }} [stderr]
 * @property {Record<string, string | undefined>} [env] settings such as AWS_REGION
 * @property {NodeJS.ReadableStream & { isTTY?: boolean }} [stdin] asked for confirmation only
 *   when it is a TTY
 * @property {() => Date} [now] the current time, for --since 2h
 */

/**
 * @typedef {object} CommandContext
 * @property {Record<string, string | boolean | undefined>} values options, global ones included
 * @property {Record<string, string>} args positional arguments by name
 * @property {Record<string, string | undefined>} env
 * @property {() => Date} now
 * @property {(text: string) => void} out a result line to stdout
 * @property {(value: unknown) => void} json a result as JSON to stdout
 * @property {(text: string) => void} log a progress line to stderr
 * @property {() => Promise<{ client: import("@aws-sdk/client-lambda").LambdaClient, target: import("./client.mjs").Target }>} connect
 * @property {(title: string, rows: [string, string | undefined][]) => void} plan prints what a
 *   change will touch
 * @property {(yes: boolean, action: string) => Promise<void>} confirm returns when --yes was
 *   given or a person at a terminal says yes; throws otherwise
 */

export const PREFIX = "[durable]";

/**
 * @param {DurableIo} io
 * @param {{ values: Record<string, string | boolean | undefined>, args: Record<string, string> }} parsed
 * @returns {CommandContext}
 */
export function createContext(io, { values, args }) {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const env = io.env ?? process.env;
  const log = (/** @type {string} */ text) => {
    for (const line of text.split("\n")) stderr.write(`${PREFIX} ${line}\n`);
  };
  /** @type {Awaited<ReturnType<CommandContext["connect"]>> | undefined} */
  let connection;
  return {
    values,
    args,
    env,
    now: io.now ?? (() => new Date()),
    out: (text) => stdout.write(`${text}\n`),
    json: (value) => stdout.write(`${toJson(value)}\n`),
    log,
    connect: async () => {
      connection ??= await connect({
        region: /** @type {string | undefined} */ (values.region),
        profile: /** @type {string | undefined} */ (values.profile),
        endpoint: /** @type {string | undefined} */ (values.endpoint),
        env,
      });
      return connection;
    },
    plan: (title, rows) => {
      log(title);
      log(
        formatKeyValues(rows)
          .split("\n")
          .map((line) => `  ${line}`)
          .join("\n"),
      );
    },
    confirm: async (yes, action) => {
      if (yes) return;
      const stdin = io.stdin;
      if (!stdin?.isTTY) {
        throw new UsageError(
          `${action} changes things, so it needs --yes when not run at a terminal. Nothing was changed.`,
        );
      }
      const prompt = createInterface({
        input: stdin,
        output: /** @type {NodeJS.WritableStream} */ (stderr),
        terminal: false,
      });
      try {
        // Input that ends before an answer (Ctrl-D) closes the prompt: that is a "no".
        const closed = new Promise((resolve) => prompt.once("close", () => resolve("")));
        const answer = await Promise.race([prompt.question(`${PREFIX} ${action}? [y/N] `), closed]);
        if (!/^y(es)?$/i.test(answer.trim())) {
          throw new ScriptError("Cancelled; nothing was changed.");
        }
      } finally {
        prompt.close();
      }
    },
  };
}
