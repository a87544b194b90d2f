// durable export: one execution as a history file, the format @durable-examples/testing reads
// (readHistory, replayHistory), so an execution in flight on AWS or the local service can be
// replayed against changed code.
import { writeFileSync } from "node:fs";
import { GetDurableExecutionCommand } from "@aws-sdk/client-lambda";
import { HISTORY_FORMAT, historyJson, readHistory } from "@durable-examples/testing";
import { displayPath, ScriptError, UsageError } from "../cli.mjs";
import { attempt } from "./aws-errors.mjs";
import { fetchEvents } from "./history.mjs";

/** @type {import("./args.mjs").CommandSpec} */
export const exportCommand = {
  name: "export",
  synopsis: "export <execution-arn> [--out FILE]",
  summary: "save an execution as a history file, to replay it later",
  help: `Saves one durable execution as a history file (format ${HISTORY_FORMAT}): the function
and version it runs on, its status, its operations (input included) and every event
(GetDurableExecution, then GetDurableExecutionHistory, all pages). \`durable replay\` and the
harness's readHistory, replayHistory and expectReplays read it.

The operations are rebuilt from the events: GetDurableExecutionState needs the checkpoint token
of the invocation in flight, which only the function itself is given.

  --out FILE  write the file there (default: print it to stdout)`,
  options: { out: { type: "string" } },
  args: ["execution-arn"],
  run: exportExecution,
};

/** @param {import("./context.mjs").CommandContext} context */
async function exportExecution({ values, args, connect, out, log }) {
  const file = /** @type {string | undefined} */ (values.out);
  if (file === "")
    throw new UsageError("--out needs a file name, e.g. --out histories/order-7.json.");
  const { client, target } = await connect();
  const history = await exportHistory(client, target, args["execution-arn"]);
  const text = historyJson(history);
  const summary = `${history.status}, ${history.operations.length} operations, ${history.events.length} events`;
  if (file === undefined) {
    out(text.trimEnd());
    log(`exported ${history.executionArn} (${summary})`);
    return;
  }
  try {
    writeFileSync(file, text);
  } catch (error) {
    const reason = /** @type {NodeJS.ErrnoException} */ (error).code ?? String(error);
    throw new ScriptError(`Failed to write ${file} (${reason}). The export was not saved.`, {
      cause: error,
    });
  }
  log(`wrote ${displayPath(file)} (${summary})`);
}

/**
 * Reads one execution into a history: GetDurableExecution for where it runs, its status and
 * input, and every GetDurableExecutionHistory event, from which the operations are rebuilt.
 * Timestamps stay `Date`s; `historyJson` writes them as ISO strings.
 * @param {import("@aws-sdk/client-lambda").LambdaClient} client
 * @param {import("./client.mjs").Target} target
 * @param {string} arn
 * @returns {Promise<import("@durable-examples/testing").DurableHistory>}
 * @example const history = await exportHistory(client, target, arn);
 */
export async function exportHistory(client, target, arn) {
  const subject = { kind: /** @type {const} */ ("execution"), id: arn };
  const execution = await attempt(target, "get the execution", subject, () =>
    client.send(new GetDurableExecutionCommand({ DurableExecutionArn: arn })),
  );
  const events = await fetchEvents(client, target, arn);
  let history;
  try {
    history = readHistory(
      {
        format: HISTORY_FORMAT,
        functionName: functionNameOf(execution.FunctionArn) ?? "durable-function",
        version: execution.Version ?? "$LATEST",
        executionArn: execution.DurableExecutionArn ?? arn,
        Events: events,
      },
      `The history of ${arn}`,
    );
  } catch (error) {
    throw new ScriptError(
      `Failed to export ${arn}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  // The execution's own status wins over the one read from its EXECUTION operation.
  if (execution.Status !== undefined) history.status = execution.Status;
  const root = history.operations.find((operation) => operation.Type === "EXECUTION");
  if (root !== undefined && root.ExecutionDetails?.InputPayload === undefined) {
    if (execution.InputPayload !== undefined) {
      root.ExecutionDetails = { InputPayload: execution.InputPayload };
    }
  }
  return history;
}

/**
 * "orders" from "arn:aws:lambda:us-east-1:123456789012:function:orders:2".
 * @param {string | undefined} functionArn
 */
function functionNameOf(functionArn) {
  return functionArn?.split(":")[6] || undefined;
}
