// durable deploy: puts an example on Lambda as a durable function behind an alias. It prints
// what it will touch and changes nothing without --yes (or a "y" typed at a terminal).
//
// It runs, in order: GetFunction (exists?), GetAlias, build the zip, the replay gate (the
// alias's RUNNING executions replayed against the new bundle; it refuses before any change if
// one would not replay), then CreateFunction or UpdateFunctionCode (+
// UpdateFunctionConfiguration when asked), wait until the function is ready, PublishVersion,
// wait until the version is active, CreateAlias or UpdateAlias.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  GetAliasCommand,
  GetFunctionCommand,
  PublishVersionCommand,
  UpdateAliasCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionActiveV2,
  waitUntilFunctionUpdatedV2,
  waitUntilPublishedVersionActive,
} from "@aws-sdk/client-lambda";
import { buildExample } from "../../build-example.mjs";
import { formatBytes } from "../bundle-breakdown.mjs";
import { displayPath, repoRoot, ScriptError, UsageError } from "../cli.mjs";
import { ALIAS, DEFAULT_RETENTION_DAYS, LAMBDA_RUNTIME } from "../example-deploy.mjs";
import { attempt } from "./aws-errors.mjs";
import { targetRows } from "./client.mjs";
import {
  countRunningOnLatest,
  DEFAULT_MAX_CHECKS,
  describeRefusals,
  runReplayGate,
  summarizeGate,
} from "./deploy-gate.mjs";
import { formatDuration, formatKeyValues, plural } from "./format.mjs";
import { parseInteger } from "./values.mjs";

export const HANDLER = "index.handler";
const DEFAULT_EXECUTION_TIMEOUT = 86_400;
// How long to wait for Lambda to finish a create, update or publish before giving up.
const MAX_WAIT_SECONDS = 300;
// Alias names Lambda accepts: not all digits (that would be a version), letters, digits, - and _.
const ALIAS_NAME = /^(?!\d+$)[a-zA-Z0-9_-]{1,128}$/;
// Lambda's Node.js handler setting: a file (without extension) and an export, "index.handler".
const HANDLER_NAME = /^[^\s.]+\.[A-Za-z_$][\w$]*$/;

/** @type {import("./args.mjs").CommandSpec} */
export const deployCommand = {
  name: "deploy",
  synopsis:
    "deploy <example-dir-or-name> --function NAME [--role ARN] [--alias live] [--handler index.handler] [--plain] [--execution-timeout SECONDS] [--retention-days N] [--max-checks N] [--force] [--yes] [--json]",
  summary: "build an example; create or update the function, publish, alias",
  help: `Builds the example's dist/function.zip (as build-example does), then creates the function
(runtime ${LAMBDA_RUNTIME}, handler ${HANDLER}, durable) or updates its code, waits until Lambda is done,
publishes a version and points the alias at it. <example-dir-or-name> is a folder or the name of
one under examples/ (01-hello-step, hello-step or 01). Prints what it will touch first.

Replay gate: before changing anything, it exports every execution RUNNING through the alias and
replays it against the new bundle (as durable replay does). If one would not replay, it names
each with its first divergence and stops; the function and the alias stay as they were.
Executions on $LATEST are not protected: a code update changes $LATEST under them, and deploy
warns when there are any.

  --function NAME            the Lambda function to create or update
  --role ARN                 execution role; required to create (it needs the
                             AWSLambdaBasicDurableExecutionRolePolicy permissions)
  --alias NAME               alias to point at the new version (default: ${ALIAS})
  --handler FILE.EXPORT      the handler Lambda calls (default: ${HANDLER}); another export of
                             the same bundle, such as a function the example invokes
  --plain                    create a plain (not durable) function, such as one a durable
                             function invokes and waits for
  --execution-timeout S      how long an execution may run, 1 to 31622400 seconds (default on
                             create: ${DEFAULT_EXECUTION_TIMEOUT}, one day)
  --retention-days N         days the history is kept after an execution ends, 1 to 90 (default
                             on create: ${DEFAULT_RETENTION_DAYS})
  --max-checks N             replay at most N running executions, the most recent; says how
                             many were left out (default: ${DEFAULT_MAX_CHECKS})
  --force                    move the alias even if running executions would not replay
  --yes                      do it without asking (needed when not at a terminal)
  --json                     print the function, version, alias and the gate's results as JSON

On update, --role, --handler, --execution-timeout and --retention-days change the function's
configuration before the version is published. Durability can only be chosen when a function is created.`,
  options: {
    function: { type: "string" },
    role: { type: "string" },
    alias: { type: "string" },
    handler: { type: "string" },
    plain: { type: "boolean" },
    "execution-timeout": { type: "string" },
    "retention-days": { type: "string" },
    "max-checks": { type: "string" },
    force: { type: "boolean" },
    yes: { type: "boolean", short: "y" },
    json: { type: "boolean" },
  },
  args: ["example"],
  run: deploy,
};

/** @param {import("./context.mjs").CommandContext} context */
async function deploy({ values, args, connect, out, json, log, plan, confirm }) {
  const functionName = /** @type {string | undefined} */ (values.function);
  if (functionName === undefined || functionName === "") {
    throw new UsageError("durable deploy needs --function NAME: the function to create or update.");
  }
  const aliasName = /** @type {string} */ (values.alias ?? ALIAS);
  if (!ALIAS_NAME.test(aliasName)) {
    throw new UsageError(
      `--alias "${aliasName}" is not an alias name: use letters, digits, "-" or "_", not only digits.`,
    );
  }
  const role = /** @type {string | undefined} */ (values.role);
  const executionTimeout = parseInteger(
    /** @type {string | undefined} */ (values["execution-timeout"]),
    "--execution-timeout",
    { min: 1, max: 31_622_400 },
  );
  const retentionDays = parseInteger(
    /** @type {string | undefined} */ (values["retention-days"]),
    "--retention-days",
    { min: 1, max: 90 },
  );
  const maxChecks =
    parseInteger(/** @type {string | undefined} */ (values["max-checks"]), "--max-checks", {
      min: 1,
    }) ?? DEFAULT_MAX_CHECKS;
  const force = values.force === true;
  const handler = /** @type {string | undefined} */ (values.handler);
  if (handler !== undefined && !HANDLER_NAME.test(handler)) {
    throw new UsageError(
      `--handler "${handler}" is not a handler: give the file and the export, such as ${HANDLER}.`,
    );
  }
  const durable = values.plain !== true;
  if (!durable && (executionTimeout !== undefined || retentionDays !== undefined)) {
    throw new UsageError(
      "--execution-timeout and --retention-days configure a durable function; leave them out with --plain.",
    );
  }
  const exampleDir = resolveExampleDir(args.example);
  const { client, target } = await connect();
  const fn = { kind: /** @type {const} */ ("function"), id: functionName };

  // Look before touching anything: what exists decides create or update, and goes in the plan.
  const existing = await findFunction(client, target, functionName);
  if (existing === undefined && role === undefined) {
    throw new UsageError(
      `Function "${functionName}" does not exist yet, so deploy will create it and needs ` +
        "--role ARN: an execution role Lambda can assume, with the " +
        "AWSLambdaBasicDurableExecutionRolePolicy permissions.",
    );
  }
  const current = existing?.Configuration;
  if (current !== undefined && (current.DurableConfig !== undefined) !== durable) {
    throw new ScriptError(
      `Failed to deploy: function "${functionName}" exists but is ${durable ? "not durable" : "durable"}, ` +
        "and durability can only be chosen when a function is created. Pick another --function, " +
        `or delete this one first (durable delete ${functionName} --yes).`,
    );
  }
  const alias =
    existing === undefined ? undefined : await findAlias(client, target, functionName, aliasName);
  /** @type {import("@aws-sdk/client-lambda").DurableConfig | undefined} */
  const durableConfig = !durable
    ? undefined
    : existing === undefined
      ? {
          ExecutionTimeout: executionTimeout ?? DEFAULT_EXECUTION_TIMEOUT,
          RetentionPeriodInDays: retentionDays ?? DEFAULT_RETENTION_DAYS,
        }
      : configChange(current?.DurableConfig, executionTimeout, retentionDays);
  const roleChange = existing !== undefined && role !== undefined && role !== current?.Role;
  const handlerChange =
    existing !== undefined && handler !== undefined && handler !== current?.Handler;
  const configurationChange = durableConfig !== undefined || roleChange || handlerChange;

  log(`building ${displayPath(exampleDir)}`);
  const build = await buildExample(exampleDir);
  for (const warning of build.warnings) log(`warning: ${warning.text}`);
  log(`built ${displayPath(build.zipPath)} (${formatBytes(build.zipBytes)})`);

  // The gate only reads, so it runs before anything changes: a refused deploy changes nothing.
  /** @type {import("./deploy-gate.mjs").GateReport | undefined} */
  let gate;
  if (!durable) {
    log("replay gate: skipped, a plain function has no durable executions");
  } else if (alias === undefined) {
    log(
      `replay gate: skipped, alias ${aliasName} does not exist yet, so no execution runs through it`,
    );
  } else {
    gate = await runReplayGate({
      client,
      target,
      functionName,
      aliasName,
      aliasVersion: /** @type {string} */ (alias.FunctionVersion),
      bundlePath: build.bundlePath,
      maxChecks,
      log,
    });
    if (gate.Incompatible > 0 && !force) {
      if (values.json) json({ FunctionName: functionName, Deployed: false, ReplayGate: gate });
      const checked = gate.Results.length;
      const older = gate.Skipped > 0 ? ` (${gate.Skipped} older not checked)` : "";
      throw new ScriptError(
        `Failed to deploy: ${gate.Incompatible} of ${checked} running ${plural(checked, "execution")} ` +
          `of ${functionName}:${aliasName} would not replay on the new code${older}, so nothing ` +
          `was changed and the alias stays at version ${alias.FunctionVersion}:\n` +
          `${describeRefusals(gate)}\n` +
          "Keep the old path for them (branch on a version recorded in a step) and deploy again, " +
          "let them finish first, or pass --force to move the alias anyway.",
      );
    }
    if (gate.Incompatible > 0) {
      log(
        `warning: deploying anyway (--force): ${summarizeGate(gate)}:\n${describeRefusals(gate)}`,
      );
    }
  }
  const onLatest =
    existing === undefined
      ? { count: 0, more: false }
      : await countRunningOnLatest(client, target, functionName);
  if (onLatest.count > 0) {
    log(
      `warning: ${onLatest.more ? "more than " : ""}${onLatest.count} ${onLatest.count === 1 && !onLatest.more ? "execution runs" : "executions run"} on $LATEST, ` +
        "which this update changes under them: the replay gate does not check them, and they run " +
        `the new code on their next invocation. Invoke through the alias (--qualifier ${aliasName}) ` +
        "so that executions stay on the version they started on.",
    );
  }

  const config = durableConfig && describeDurableConfig(durableConfig);
  const gateSummary =
    gate !== undefined
      ? summarizeGate(gate)
      : durable
        ? "skipped (no alias yet)"
        : "skipped (plain function)";
  plan("deploy will change:", [
    ...targetRows(target),
    [
      "function",
      existing === undefined
        ? `${functionName} (create: ${LAMBDA_RUNTIME}, ${handler ?? HANDLER}, ${durable ? `durable, ${config}` : "plain"})`
        : `${functionName} (update code${roleChange ? ", role" : ""}${handlerChange ? `, handler ${handler}` : ""}${durableConfig ? `, ${config}` : ""})`,
    ],
    ["role", existing === undefined || roleChange ? role : undefined],
    [
      "alias",
      alias === undefined
        ? `${aliasName} (create, at the new version)`
        : `${aliasName} (move from version ${alias.FunctionVersion} to the new version)`,
    ],
    ["code", `${displayPath(build.zipPath)} (${formatBytes(build.zipBytes)})`],
    ["replay gate", gateSummary],
  ]);
  await confirm(
    values.yes === true,
    `Deploy ${basename(exampleDir)} to ${functionName}:${aliasName}`,
  );

  const zip = readFileSync(build.zipPath);
  const waiter = { client, maxWaitTime: MAX_WAIT_SECONDS };
  /** @type {string | undefined} */
  let codeSha256;
  if (existing === undefined) {
    log(`creating function ${functionName}`);
    const created = await attempt(target, `create function ${functionName}`, fn, () =>
      client.send(
        new CreateFunctionCommand({
          FunctionName: functionName,
          Runtime: LAMBDA_RUNTIME,
          Handler: handler ?? HANDLER,
          Role: role,
          Code: { ZipFile: zip },
          DurableConfig: durableConfig,
          Description: `durable-examples ${basename(exampleDir)}`,
        }),
      ),
    );
    codeSha256 = created.CodeSha256;
    log(`waiting for ${functionName} to become active`);
    await waitFor(client, functionName, "become active", () =>
      waitUntilFunctionActiveV2(waiter, { FunctionName: functionName }),
    );
  } else {
    log(`updating the code of ${functionName}`);
    const updated = await attempt(target, `update the code of ${functionName}`, fn, () =>
      client.send(new UpdateFunctionCodeCommand({ FunctionName: functionName, ZipFile: zip })),
    );
    codeSha256 = updated.CodeSha256;
    log(`waiting for the update of ${functionName} to finish`);
    await waitFor(client, functionName, "finish updating", () =>
      waitUntilFunctionUpdatedV2(waiter, { FunctionName: functionName }),
    );
    if (configurationChange) {
      log(`updating the configuration of ${functionName}`);
      await attempt(target, `update the configuration of ${functionName}`, fn, () =>
        client.send(
          new UpdateFunctionConfigurationCommand({
            FunctionName: functionName,
            Role: roleChange ? role : undefined,
            Handler: handlerChange ? handler : undefined,
            DurableConfig: durableConfig,
          }),
        ),
      );
      log(`waiting for the update of ${functionName} to finish`);
      await waitFor(client, functionName, "finish updating", () =>
        waitUntilFunctionUpdatedV2(waiter, { FunctionName: functionName }),
      );
    }
  }

  log(`publishing a version of ${functionName}`);
  const published = await attempt(target, `publish a version of ${functionName}`, fn, () =>
    client.send(
      // CodeSha256 makes Lambda refuse to publish code other than what was just uploaded.
      new PublishVersionCommand({ FunctionName: functionName, CodeSha256: codeSha256 }),
    ),
  );
  const version = /** @type {string} */ (published.Version);
  log(`published version ${version}; waiting for it to become active`);
  await waitFor(client, functionName, `activate version ${version}`, () =>
    waitUntilPublishedVersionActive(waiter, { FunctionName: functionName, Qualifier: version }),
  );

  const aliasInput = { FunctionName: functionName, Name: aliasName, FunctionVersion: version };
  const aliasSubject = { kind: /** @type {const} */ ("alias"), id: aliasName, functionName };
  let aliasResult;
  if (alias === undefined) {
    log(`creating alias ${aliasName} -> version ${version}`);
    aliasResult = await attempt(target, `create alias ${aliasName}`, aliasSubject, () =>
      client.send(new CreateAliasCommand(aliasInput)),
    );
  } else {
    log(`moving alias ${aliasName} from version ${alias.FunctionVersion} to ${version}`);
    aliasResult = await attempt(target, `update alias ${aliasName}`, aliasSubject, () =>
      client.send(new UpdateAliasCommand(aliasInput)),
    );
  }
  log(`deployed ${functionName}:${aliasName} -> version ${version}`);

  const result = {
    FunctionName: functionName,
    FunctionArn: published.FunctionArn,
    Created: existing === undefined,
    Version: version,
    Alias: aliasName,
    AliasArn: aliasResult.AliasArn,
    ReplayGate: gate ?? null,
    RunningOnLatest: onLatest.count,
  };
  if (values.json) json(result);
  else {
    out(
      formatKeyValues([
        ["function", functionName],
        ["version", version],
        ["alias", aliasResult.AliasArn ?? `${functionName}:${aliasName}`],
        ["replay gate", gateSummary],
      ]),
    );
  }
}

/**
 * A folder path, or the name of an example under examples/: "01-hello-step", "hello-step" or
 * "01".
 * @param {string} given
 * @param {string} [examplesDir]
 */
export function resolveExampleDir(given, examplesDir = join(repoRoot, "examples")) {
  const asPath = resolve(given);
  if (existsSync(asPath) && statSync(asPath).isDirectory()) return asPath;
  const folders = existsSync(examplesDir)
    ? readdirSync(examplesDir).filter((name) => /^\d{2}-/.test(name))
    : [];
  const match = folders.find(
    (folder) => folder === given || folder.slice(3) === given || folder.slice(0, 2) === given,
  );
  if (match !== undefined) return join(examplesDir, match);
  throw new UsageError(
    `No example "${given}": it is not a folder, nor an example under ${displayPath(examplesDir)}. ` +
      `Examples: ${folders.length > 0 ? folders.join(", ") : "none"}.`,
  );
}

/**
 * GetFunction, or undefined when there is no such function.
 * @param {import("@aws-sdk/client-lambda").LambdaClient} client
 * @param {import("./client.mjs").Target} target
 * @param {string} name
 */
async function findFunction(client, target, name) {
  return attempt(target, `look up function ${name}`, { kind: "function", id: name }, async () => {
    try {
      return await client.send(new GetFunctionCommand({ FunctionName: name }));
    } catch (error) {
      if (/** @type {{ name?: string }} */ (error)?.name === "ResourceNotFoundException") {
        return undefined;
      }
      throw error;
    }
  });
}

/**
 * GetAlias, or undefined when the function has no such alias.
 * @param {import("@aws-sdk/client-lambda").LambdaClient} client
 * @param {import("./client.mjs").Target} target
 * @param {string} functionName
 * @param {string} aliasName
 */
async function findAlias(client, target, functionName, aliasName) {
  const subject = { kind: /** @type {const} */ ("alias"), id: aliasName, functionName };
  return attempt(target, `look up alias ${aliasName}`, subject, async () => {
    try {
      return await client.send(
        new GetAliasCommand({ FunctionName: functionName, Name: aliasName }),
      );
    } catch (error) {
      if (/** @type {{ name?: string }} */ (error)?.name === "ResourceNotFoundException") {
        return undefined;
      }
      throw error;
    }
  });
}

/**
 * The DurableConfig to send on update: the current one with the options given, or undefined
 * when nothing would change.
 * @param {import("@aws-sdk/client-lambda").DurableConfig | undefined} current
 * @param {number | undefined} executionTimeout
 * @param {number | undefined} retentionDays
 */
function configChange(current, executionTimeout, retentionDays) {
  const next = {
    ...current,
    ...(executionTimeout === undefined ? {} : { ExecutionTimeout: executionTimeout }),
    ...(retentionDays === undefined ? {} : { RetentionPeriodInDays: retentionDays }),
  };
  const same =
    next.ExecutionTimeout === current?.ExecutionTimeout &&
    next.RetentionPeriodInDays === current?.RetentionPeriodInDays;
  return same ? undefined : next;
}

/** @param {import("@aws-sdk/client-lambda").DurableConfig} config */
function describeDurableConfig(config) {
  const timeout = config.ExecutionTimeout;
  return [
    timeout === undefined ? "" : `execution timeout ${timeout}s (${formatDuration(timeout)})`,
    config.RetentionPeriodInDays === undefined
      ? ""
      : `retention ${config.RetentionPeriodInDays} days`,
  ]
    .filter(Boolean)
    .join(", ");
}

/**
 * Runs one of the SDK's waiters. They poll GetFunction / GetFunctionConfiguration and fail
 * with a JSON dump; on failure this reads the state once more to say why in words.
 * @param {import("@aws-sdk/client-lambda").LambdaClient} client
 * @param {string} functionName
 * @param {string} what e.g. "become active"
 * @param {() => Promise<unknown>} wait
 */
async function waitFor(client, functionName, what, wait) {
  try {
    await wait();
  } catch (error) {
    const timedOut = /** @type {{ name?: string }} */ (error)?.name === "TimeoutError";
    let state = "";
    try {
      const { Configuration: c } = await client.send(
        new GetFunctionCommand({ FunctionName: functionName }),
      );
      state = [
        c?.State && `state ${c.State}${c.StateReason ? ` (${c.StateReason})` : ""}`,
        c?.LastUpdateStatus &&
          `last update ${c.LastUpdateStatus}${c.LastUpdateStatusReason ? ` (${c.LastUpdateStatusReason})` : ""}`,
      ]
        .filter(Boolean)
        .join(", ");
    } catch {
      // The waiter's own error below is the one to report.
    }
    throw new ScriptError(
      `Failed to deploy: ${functionName} did not ${what}` +
        (timedOut ? ` within ${MAX_WAIT_SECONDS}s` : "") +
        (state ? `: ${state}.` : ".") +
        " Nothing after this step was done.",
      { cause: error },
    );
  }
}
