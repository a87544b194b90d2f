// durable invoke: starts a durable execution with Invoke, naming it with DurableExecutionName so
// that running the same command twice returns the same execution (protocol.md §8).
import { InvokeCommand } from "@aws-sdk/client-lambda";
import { ScriptError, UsageError } from "../cli.mjs";
import { attempt } from "./aws-errors.mjs";
import { decodePayload, formatKeyValues, previewPayload } from "./format.mjs";
import { checkExecutionName, readJsonFile, requireJson } from "./values.mjs";

/** @type {import("./args.mjs").CommandSpec} */
export const invokeCommand = {
  name: "invoke",
  synopsis:
    "invoke <function> [--qualifier Q] [--payload JSON | --payload-file F] [--name EXECUTION_NAME] [--async] [--json]",
  summary: "start a durable execution; print its ARN and result",
  help: `Invokes <function> (a name or ARN) and prints the durable execution ARN from the response.
Without --async it waits for the execution to finish (up to Lambda's 15 minutes) and prints the
result; with --async Lambda queues it (Event) and returns at once. The same --name with the same
payload returns the execution already started instead of starting another.

  --qualifier Q        version or alias to run, e.g. live (recommended: executions are pinned to
                       the code they started with)
  --payload JSON       the input, a JSON document (default: none)
  --payload-file F     read the input from a JSON file instead
  --name NAME          the execution name: 1 to 64 letters, digits, "-" or "_" (default: chosen
                       by the service)
  --async              invoke with InvocationType Event and do not wait for the result
  --json               print the response as JSON`,
  options: {
    qualifier: { type: "string" },
    payload: { type: "string" },
    "payload-file": { type: "string" },
    name: { type: "string" },
    async: { type: "boolean" },
    json: { type: "boolean" },
  },
  args: ["function"],
  run: invoke,
};

/** @param {import("./context.mjs").CommandContext} context */
async function invoke({ values, args, connect, out, json, log }) {
  const functionName = args.function;
  const qualifier = /** @type {string | undefined} */ (values.qualifier);
  const name = checkExecutionName(/** @type {string | undefined} */ (values.name), "--name");
  const payload = readPayload(values);
  const type = values.async ? "Event" : "RequestResponse";
  const { client, target } = await connect();

  const qualified = qualifier === undefined ? functionName : `${functionName}:${qualifier}`;
  log(
    `invoking ${qualified} (${type})${name === undefined ? "" : ` as execution "${name}"`}` +
      (values.async ? "" : "; waiting for the execution to finish"),
  );
  const request = () =>
    client.send(
      new InvokeCommand({
        FunctionName: functionName,
        Qualifier: qualifier,
        InvocationType: type,
        DurableExecutionName: name,
        Payload: payload === undefined ? undefined : Buffer.from(payload),
      }),
    );
  let response;
  try {
    response = await attempt(
      target,
      `invoke ${qualified}`,
      { kind: "function", id: functionName, qualifier },
      request,
    );
  } catch (error) {
    const rejected = /** @type {{ name?: string }} */ (error?.cause)?.name;
    if (rejected !== "InvalidParameterValueException" || isQualified(functionName, qualifier)) {
      throw error;
    }
    // Lambda runs a durable function only by version or alias, so replays run the same code.
    throw new ScriptError(
      `${error.message} Durable functions are invoked by version or alias: pass --qualifier ` +
        "(e.g. --qualifier live, the alias durable deploy creates).",
      { cause: error.cause },
    );
  }

  const result = values.async ? undefined : decodePayload(response.Payload);
  if (response.DurableExecutionArn === undefined) {
    log(
      `the response has no durable execution ARN (X-Amz-Durable-Execution-Arn): is ${functionName} ` +
        "a durable function?",
    );
  }
  if (values.json) {
    json({
      DurableExecutionArn: response.DurableExecutionArn,
      StatusCode: response.StatusCode,
      ExecutedVersion: response.ExecutedVersion,
      FunctionError: response.FunctionError,
      Result: result === "" ? undefined : result,
    });
  } else {
    out(
      formatKeyValues([
        ["execution", response.DurableExecutionArn],
        ["version", response.ExecutedVersion],
        ["result", result === undefined || result === "" ? undefined : result],
      ]),
    );
  }
  if (response.FunctionError !== undefined) {
    throw new ScriptError(
      `${qualified} failed (${response.FunctionError}): ${previewPayload(result, 200)}`,
    );
  }
}

/**
 * @param {Record<string, string | boolean | undefined>} values
 * @returns {string | undefined}
 */
function readPayload(values) {
  const inline = /** @type {string | undefined} */ (values.payload);
  const file = /** @type {string | undefined} */ (values["payload-file"]);
  if (inline !== undefined && file !== undefined) {
    throw new UsageError("Pass either --payload or --payload-file, not both.");
  }
  if (inline !== undefined) return requireJson(inline, "--payload");
  if (file !== undefined) return readJsonFile(file, "--payload-file");
  return undefined;
}

/**
 * Whether the invoke names a version or alias: --qualifier, "name:live", or an ARN ending in one
 * (function names and ARNs without one have 0, 2 or 6 colons).
 * @param {string} functionName
 * @param {string | undefined} qualifier
 */
function isQualified(functionName, qualifier) {
  const colons = functionName.split(":").length - 1;
  return qualifier !== undefined || colons === 1 || colons === 3 || colons === 7;
}
