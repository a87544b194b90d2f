// The replay gate of durable deploy: before an alias moves to new code, every execution running
// through it is exported and replayed against the new bundle, and one that would not replay
// stops the deploy. It only reads: nothing is changed whatever it finds.
import { ListDurableExecutionsByFunctionCommand } from "@aws-sdk/client-lambda";
import { attempt } from "./aws-errors.mjs";
import { exportHistory } from "./export.mjs";
import { plural } from "./format.mjs";
import { loadHandler, replayOne } from "./replay.mjs";

export const DEFAULT_MAX_CHECKS = 100;
// ItemCount, the type of MaxItems, allows at most 1000 (protocol.md §8).
const PAGE_SIZE = 1000;

/**
 * @typedef {object} GateReport what the gate found, as deploy --json prints it
 * @property {string} Alias
 * @property {string} AliasVersion the version the alias pointed at when checked
 * @property {number} Running RUNNING executions found through the alias
 * @property {number} Skipped running executions not checked (beyond --max-checks, the oldest)
 * @property {number} Incompatible checked executions that would not replay
 * @property {import("./replay.mjs").ReplayResult[]} Results one per checked execution, newest first
 */

/**
 * Lists the executions RUNNING through the alias, exports the most recent `maxChecks` of them
 * and replays each against the bundle. An execution that cannot be exported or replayed counts
 * as one that would not replay: an unchecked execution is not a safe one.
 * @param {object} options
 * @param {import("@aws-sdk/client-lambda").LambdaClient} options.client
 * @param {import("./client.mjs").Target} options.target
 * @param {string} options.functionName
 * @param {string} options.aliasName
 * @param {string} options.aliasVersion the version the alias points at now
 * @param {string} options.bundlePath the new code, e.g. dist/index.mjs
 * @param {number} options.maxChecks
 * @param {(text: string) => void} options.log
 * @returns {Promise<GateReport>}
 * @example const report = await runReplayGate({ client, target, functionName, aliasName: "live", aliasVersion: "3", bundlePath, maxChecks: 100, log });
 */
export async function runReplayGate({
  client,
  target,
  functionName,
  aliasName,
  aliasVersion,
  bundlePath,
  maxChecks,
  log,
}) {
  // An execution started through the alias may be listed under the alias or under the version
  // it resolved to (the local service does the latter); ask for both and count each once.
  const byArn = new Map();
  for (const qualifier of new Set([aliasName, aliasVersion])) {
    for (const execution of await listRunning(client, target, functionName, qualifier)) {
      byArn.set(execution.DurableExecutionArn, execution);
    }
  }
  const running = [...byArn.values()].sort(
    (a, b) => (b.StartTimestamp?.getTime() ?? 0) - (a.StartTimestamp?.getTime() ?? 0),
  );
  const chosen = running.slice(0, maxChecks);
  const skipped = running.length - chosen.length;
  log(
    `replay gate: ${running.length} ${plural(running.length, "execution")} running through ${functionName}:${aliasName} (version ${aliasVersion})` +
      (skipped > 0
        ? `; checking the ${chosen.length} most recent (--max-checks ${maxChecks}), ${skipped} not checked`
        : ""),
  );

  /** @type {import("./replay.mjs").ReplayResult[]} */
  const results = [];
  if (chosen.length > 0) {
    const handler = await loadHandler(bundlePath);
    for (const execution of chosen) {
      const arn = /** @type {string} */ (execution.DurableExecutionArn);
      const source = execution.DurableExecutionName ?? arn;
      let result;
      try {
        result = await replayOne(handler, await exportHistory(client, target, arn), source);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        result = {
          source,
          executionArn: arn,
          compatible: false,
          completed: false,
          next: [],
          message: `Could not check it, so it counts as not compatible: ${reason}`,
        };
      }
      log(`replay gate: ${source} ${result.compatible ? "replays" : "would NOT replay"}`);
      results.push(result);
    }
  }
  return {
    Alias: aliasName,
    AliasVersion: aliasVersion,
    Running: running.length,
    Skipped: skipped,
    Incompatible: results.filter((result) => !result.compatible).length,
    Results: results,
  };
}

/**
 * How many executions run on $LATEST (unqualified), which a code update changes under them and
 * the gate does not check; `more` when there are more than one page holds.
 * @param {import("@aws-sdk/client-lambda").LambdaClient} client
 * @param {import("./client.mjs").Target} target
 * @param {string} functionName
 * @returns {Promise<{ count: number, more: boolean }>}
 */
export async function countRunningOnLatest(client, target, functionName) {
  // Named explicitly: without a qualifier the local service lists every version's executions.
  const page = await listPage(client, target, functionName, "$LATEST", undefined);
  return { count: page.DurableExecutions?.length ?? 0, more: Boolean(page.NextMarker) };
}

/**
 * One line per execution that would not replay: its name and the first divergence.
 * @param {GateReport} report
 */
export function describeRefusals(report) {
  return report.Results.filter((result) => !result.compatible)
    .map((result) => {
      const divergence = result.divergence;
      const why =
        divergence === undefined
          ? result.message
          : `at operation ${divergence.position ?? "?"} the history has ${divergence.recorded}, the new code asks for ${divergence.requested ?? "nothing there (removed or moved behind a branch)"}`;
      return `  ${result.source} (${result.executionArn}): ${why}`;
    })
    .join("\n");
}

/**
 * A one-line summary of the report, for the plan and the result.
 * @param {GateReport} report
 */
export function summarizeGate(report) {
  const checked = report.Results.length;
  if (report.Running === 0) return "no running executions to check";
  const skipped = report.Skipped > 0 ? `, ${report.Skipped} older not checked` : "";
  if (report.Incompatible === 0) {
    const verb = checked === 1 ? "replays" : "replay";
    return `${checked} running ${plural(checked, "execution")} ${verb} on the new code${skipped}`;
  }
  return `${report.Incompatible} of ${checked} running ${plural(checked, "execution")} would not replay${skipped}`;
}

/**
 * @param {import("@aws-sdk/client-lambda").LambdaClient} client
 * @param {import("./client.mjs").Target} target
 * @param {string} functionName
 * @param {string} qualifier
 */
async function listRunning(client, target, functionName, qualifier) {
  /** @type {import("@aws-sdk/client-lambda").Execution[]} */
  const executions = [];
  /** @type {string | undefined} */
  let marker;
  do {
    const page = await listPage(client, target, functionName, qualifier, marker);
    executions.push(...(page.DurableExecutions ?? []));
    marker = page.NextMarker || undefined;
  } while (marker !== undefined);
  return executions;
}

/**
 * @param {import("@aws-sdk/client-lambda").LambdaClient} client
 * @param {import("./client.mjs").Target} target
 * @param {string} functionName
 * @param {string} qualifier
 * @param {string | undefined} marker
 */
function listPage(client, target, functionName, qualifier, marker) {
  return attempt(
    target,
    "list the running executions",
    { kind: "function", id: functionName, qualifier },
    () =>
      client.send(
        new ListDurableExecutionsByFunctionCommand({
          FunctionName: functionName,
          Qualifier: qualifier,
          Statuses: ["RUNNING"],
          Marker: marker,
          MaxItems: PAGE_SIZE,
        }),
      ),
  );
}
