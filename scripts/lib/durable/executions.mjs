// durable list, get and stop: a function's durable executions, one execution in full, and
// stopping one that is still running.
import {
  ExecutionStatus,
  GetDurableExecutionCommand,
  ListDurableExecutionsByFunctionCommand,
  StopDurableExecutionCommand,
} from "@aws-sdk/client-lambda";
import { UsageError } from "../cli.mjs";
import { attempt } from "./aws-errors.mjs";
import { targetRows } from "./client.mjs";
import {
  decodePayload,
  formatDuration,
  formatKeyValues,
  formatTable,
  formatTime,
  previewError,
} from "./format.mjs";
import { checkExecutionName, parseInteger, parseList, parseTime } from "./values.mjs";

const STATUSES = Object.values(ExecutionStatus).sort();
const DEFAULT_LIMIT = 100;
// ItemCount, the type of MaxItems, allows at most 1000 (protocol.md §8, history).
const PAGE_SIZE = 1000;

/** @type {import("./args.mjs").CommandSpec} */
export const listCommand = {
  name: "list",
  synopsis:
    "list <function> [--qualifier Q] [--status RUNNING,SUCCEEDED,...] [--since ISO|1h|2d] [--until ISO|1h|2d] [--name NAME] [--limit N] [--json]",
  summary: "list a function's executions, by status and start time",
  help: `Lists the durable executions of <function> with ListDurableExecutionsByFunction, following
NextMarker until --limit executions are printed: name, status, started, ended and ARN.

  --qualifier Q  version or alias whose executions to list (default: $LATEST only, every
                 version on the local service, so pass the alias you invoke, e.g. live)
  --status S     only these statuses, comma-separated: ${STATUSES.join(", ")}
  --since T      only executions started after T: an ISO-8601 time or an age (30m, 1h, 2d, 1w)
  --until T      only executions started before T, in the same forms
  --name NAME    only executions whose name matches NAME
  --limit N      print at most N executions (default: ${DEFAULT_LIMIT})
  --json         print the executions as a JSON array`,
  options: {
    qualifier: { type: "string" },
    status: { type: "string" },
    since: { type: "string" },
    until: { type: "string" },
    name: { type: "string" },
    limit: { type: "string" },
    json: { type: "boolean" },
  },
  args: ["function"],
  run: list,
};

/** @param {import("./context.mjs").CommandContext} context */
async function list({ values, args, connect, out, json, log, now }) {
  const functionName = args.function;
  const qualifier = /** @type {string | undefined} */ (values.qualifier);
  const statuses = parseList(
    /** @type {string | undefined} */ (values.status),
    "--status",
    STATUSES,
  );
  const since = parseTime(/** @type {string | undefined} */ (values.since), "--since", now());
  const until = parseTime(/** @type {string | undefined} */ (values.until), "--until", now());
  if (since && until && since >= until) {
    throw new UsageError(
      `--since (${formatTime(since)}) must be before --until (${formatTime(until)}).`,
    );
  }
  const name = checkExecutionName(/** @type {string | undefined} */ (values.name), "--name");
  const limit =
    parseInteger(/** @type {string | undefined} */ (values.limit), "--limit", { min: 1 }) ??
    DEFAULT_LIMIT;
  const { client, target } = await connect();

  /** @type {import("@aws-sdk/client-lambda").Execution[]} */
  const executions = [];
  /** @type {string | undefined} */
  let marker;
  do {
    const page = await attempt(
      target,
      "list executions",
      { kind: "function", id: functionName, qualifier },
      () =>
        client.send(
          new ListDurableExecutionsByFunctionCommand({
            FunctionName: functionName,
            Qualifier: qualifier,
            Statuses:
              /** @type {import("@aws-sdk/client-lambda").ExecutionStatus[] | undefined} */ (
                statuses
              ),
            StartedAfter: since,
            StartedBefore: until,
            DurableExecutionName: name,
            Marker: marker,
            MaxItems: Math.min(limit - executions.length, PAGE_SIZE),
          }),
        ),
    );
    executions.push(...(page.DurableExecutions ?? []).slice(0, limit - executions.length));
    marker = page.NextMarker || undefined;
  } while (marker !== undefined && executions.length < limit);

  if (marker !== undefined) {
    log(`showing the first ${limit} executions; there are more (raise --limit to see them)`);
  }
  if (values.json) {
    json(executions);
    return;
  }
  if (executions.length === 0) {
    const scope = qualifier === undefined ? " of $LATEST (pass --qualifier for an alias)" : "";
    log(`no executions${scope} match`);
    return;
  }
  out(
    formatTable(
      ["NAME", "STATUS", "STARTED", "ENDED", "ARN"],
      executions.map((execution) => [
        execution.DurableExecutionName ?? "-",
        execution.Status ?? "-",
        formatTime(execution.StartTimestamp),
        formatTime(execution.EndTimestamp),
        execution.DurableExecutionArn ?? "-",
      ]),
    ),
  );
}

/** @type {import("./args.mjs").CommandSpec} */
export const getCommand = {
  name: "get",
  synopsis: "get <execution-arn> [--json]",
  summary: "show an execution: status, input, result or error, times",
  help: `Shows one durable execution with GetDurableExecution: its status, input, result or error,
start and end times, and the function version it runs on.

  --json  print the response as JSON`,
  options: { json: { type: "boolean" } },
  args: ["execution-arn"],
  run: get,
};

/** @param {import("./context.mjs").CommandContext} context */
async function get({ values, args, connect, out, json }) {
  const arn = args["execution-arn"];
  const { client, target } = await connect();
  const execution = await attempt(target, "get the execution", { kind: "execution", id: arn }, () =>
    client.send(new GetDurableExecutionCommand({ DurableExecutionArn: arn })),
  );
  if (values.json) {
    json(execution);
    return;
  }
  const started = execution.StartTimestamp;
  const ended = execution.EndTimestamp;
  const took =
    started && ended
      ? ` (after ${formatDuration((ended.getTime() - started.getTime()) / 1000)})`
      : "";
  const error = execution.Error;
  out(
    formatKeyValues([
      ["name", execution.DurableExecutionName],
      ["arn", execution.DurableExecutionArn],
      ["function", execution.FunctionArn],
      ["version", execution.Version],
      ["status", execution.Status],
      ["started", started && formatTime(started)],
      ["ended", ended && `${formatTime(ended)}${took}`],
      ["input", decodePayload(execution.InputPayload)],
      ["result", decodePayload(execution.Result)],
      ["error", error && previewError(error, 1000)],
      ["error data", error?.ErrorData],
    ]),
  );
}

/** @type {import("./args.mjs").CommandSpec} */
export const stopCommand = {
  name: "stop",
  synopsis: "stop <execution-arn> [--error-type T] [--error-message M] --yes [--json]",
  summary: "stop a running execution",
  help: `Stops a running durable execution with StopDurableExecution. Its status becomes STOPPED;
steps in flight are not run again. Prints the stop time.

  --error-type T     the ErrorType to record (e.g. OperatorStop)
  --error-message M  the ErrorMessage to record
  --yes              do it without asking (needed when not at a terminal)
  --json             print the response as JSON`,
  options: {
    "error-type": { type: "string" },
    "error-message": { type: "string" },
    yes: { type: "boolean", short: "y" },
    json: { type: "boolean" },
  },
  args: ["execution-arn"],
  run: stop,
};

/** @param {import("./context.mjs").CommandContext} context */
async function stop({ values, args, connect, out, json, log, plan, confirm }) {
  const arn = args["execution-arn"];
  const errorType = /** @type {string | undefined} */ (values["error-type"]);
  const errorMessage = /** @type {string | undefined} */ (values["error-message"]);
  const { client, target } = await connect();
  plan("stop will change:", [
    ...targetRows(target),
    ["execution", arn],
    [
      "error",
      errorType || errorMessage
        ? previewError({ ErrorType: errorType, ErrorMessage: errorMessage }, 200)
        : undefined,
    ],
  ]);
  await confirm(values.yes === true, "Stop the execution");
  const response = await attempt(target, "stop the execution", { kind: "execution", id: arn }, () =>
    client.send(
      new StopDurableExecutionCommand({
        DurableExecutionArn: arn,
        Error:
          errorType === undefined && errorMessage === undefined
            ? undefined
            : { ErrorType: errorType, ErrorMessage: errorMessage },
      }),
    ),
  );
  log(`stopped ${arn}`);
  if (values.json) json(response);
  else out(formatKeyValues([["stopped", formatTime(response.StopTimestamp)]]));
}
