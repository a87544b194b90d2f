// How an example deploys to Lambda, read from its package.json: the one source for the CDK app
// (packages/cdk) and for the Deploy section example-index writes into each README, so the two
// always deploy the same functions with the same settings.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { displayPath, ScriptError } from "./cli.mjs";

/** protocol.md §7: a durable execution may run 1 s to 366 days, its history kept 1 to 90 days. */
export const MAX_EXECUTION_TIMEOUT_SECONDS = 31_622_400;
export const DEFAULT_RETENTION_DAYS = 14;
/** The alias every durable function is invoked through, here and on the local service. */
export const ALIAS = "live";
/** Lambda's nodejs22.x runtime, which build-example targets, and the handler string it writes. */
export const LAMBDA_RUNTIME = "nodejs22.x";
/** One invocation's limit, not the execution's: Lambda's default of 3 s is short for a cold start. */
export const INVOCATION_TIMEOUT_SECONDS = 60;
const FUNCTION_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/**
 * @typedef {object} DeployedFunction
 * @property {string} name the Lambda function name
 * @property {string} handler e.g. "index.handler"
 * @property {boolean} durable whether it has a DurableConfig, a published version and the alias
 */

/**
 * @typedef {object} ExampleDeployment
 * @property {string} folder e.g. "01-hello-step"
 * @property {number} executionTimeoutSeconds
 * @property {number} retentionDays
 * @property {unknown} input the sample input (durableExample.input)
 * @property {DeployedFunction} main the example's own function, named after its folder
 * @property {DeployedFunction[]} callees the functions it invokes (durableExample.functions)
 * @property {boolean} invokesItself it starts executions of its own alias (deploy.invokesItself),
 *   as a loop that continues as a fresh execution does
 */

/**
 * Reads and checks `durableExample.deploy` and `durableExample.functions` of one example.
 * @param {string} exampleDir
 * @returns {ExampleDeployment}
 * @example readExampleDeployment("examples/07-invoke").callees.map((f) => f.name)
 */
export function readExampleDeployment(exampleDir) {
  const manifestPath = join(exampleDir, "package.json");
  const where = displayPath(manifestPath);
  if (!existsSync(manifestPath)) throw new ScriptError(`${where} is missing.`);
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  const folder = /** @type {string} */ (exampleDir.split(/[\\/]/).filter(Boolean).pop());
  return parseExampleDeployment(folder, manifest.durableExample, where);
}

/**
 * Checks an example's `durableExample` field and says how it deploys.
 * @param {string} folder the example's folder name, which names its function
 * @param {{ deploy?: any, functions?: any, input?: unknown } | undefined} meta durableExample
 * @param {string} where how to call the package.json in errors
 * @returns {ExampleDeployment}
 */
export function parseExampleDeployment(folder, meta = {}, where = "package.json") {
  const deploy = meta.deploy;
  const timeout = deploy?.executionTimeout;
  if (!Number.isInteger(timeout) || timeout < 1 || timeout > MAX_EXECUTION_TIMEOUT_SECONDS) {
    throw new ScriptError(
      `${where} needs "durableExample": { "deploy": { "executionTimeout": <seconds> } }, the ` +
        `longest an execution may run: a whole number from 1 to ${MAX_EXECUTION_TIMEOUT_SECONDS} ` +
        `(366 days), got ${JSON.stringify(timeout)}. Allow for every wait: 900 for an example ` +
        "that never waits.",
    );
  }
  const retention = deploy.retentionDays ?? DEFAULT_RETENTION_DAYS;
  if (!Number.isInteger(retention) || retention < 1 || retention > 90) {
    throw new ScriptError(
      `${where}: durableExample.deploy.retentionDays is how many days the history is kept after ` +
        `an execution ends, a whole number from 1 to 90 (default ${DEFAULT_RETENTION_DAYS}), got ` +
        `${JSON.stringify(retention)}.`,
    );
  }
  const invokesItself = deploy.invokesItself ?? false;
  if (typeof invokesItself !== "boolean") {
    throw new ScriptError(
      `${where}: durableExample.deploy.invokesItself is true for a function that starts ` +
        `executions of its own alias, or false (the default), got ${JSON.stringify(invokesItself)}.`,
    );
  }
  const callees = Object.entries(meta.functions ?? {}).map(([name, target]) => {
    if (!FUNCTION_NAME.test(name) || typeof target?.export !== "string") {
      throw new ScriptError(
        `${where}: durableExample.functions["${name}"] must be a Lambda function name (letters, ` +
          'digits, "-" and "_", at most 64) mapped to { "export": "<bundle export>" }, ' +
          `got ${JSON.stringify(target)}.`,
      );
    }
    return { name, handler: `index.${target.export}`, durable: target.durable !== false };
  });
  return {
    folder,
    executionTimeoutSeconds: timeout,
    retentionDays: retention,
    input: meta.input ?? {},
    main: { name: folder, handler: "index.handler", durable: true },
    callees,
    invokesItself,
  };
}
