#!/usr/bin/env node
// pnpm start: the local durable service with every example deployed on it. It starts the server
// (durable-local, packages/local) and deploys each example through `durable deploy`, the command
// that deploys to AWS, so there is one deploy path and the server never reads examples/ itself.
// Arguments go to the server: `pnpm start --skip-idle --port 9001`.
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { repoRoot } from "./lib/cli.mjs";
import { main as durable } from "./lib/durable/main.mjs";
import { ALIAS, readExampleDeployment } from "./lib/example-deploy.mjs";

const PREFIX = "[start]";
const SERVER = join(repoRoot, "packages", "local", "dist", "cli.js");
// The local service accepts any role; Lambda needs one to create a function.
const LOCAL_ROLE = "arn:aws:iam::123456789012:role/durable-local";
// A year, so that an example waiting for days still finishes on a real-time clock.
const EXECUTION_TIMEOUT = "31622400";

/**
 * Deploys one function of an example with `durable deploy`; its progress is kept and shown only
 * when it fails.
 * @param {string} example @param {import("./lib/example-deploy.mjs").DeployedFunction} target
 * @param {string} endpoint
 */
async function deploy(example, target, endpoint) {
  let output = "";
  const sink = { write: (/** @type {string} */ text) => (output += text) };
  const code = await durable(
    [
      "deploy",
      join(repoRoot, "examples", example),
      "--function",
      target.name,
      "--handler",
      target.handler,
      ...(target.durable ? ["--execution-timeout", EXECUTION_TIMEOUT] : ["--plain"]),
      "--role",
      LOCAL_ROLE,
      "--alias",
      ALIAS,
      "--endpoint",
      endpoint,
      "--yes",
      "--json",
    ],
    { stdout: sink, stderr: sink, env: process.env },
  );
  if (code !== 0) {
    throw new Error(`Failed to deploy ${target.name} (${example}):\n${output.trimEnd()}`);
  }
  const { Version } = JSON.parse(output.slice(output.indexOf("{")));
  process.stderr.write(`${PREFIX} deployed ${target.name}:${ALIAS} -> version ${Version}\n`);
}

/** Starts the server and resolves with its URL once it listens (or rejects when it exits). */
function startServer(args) {
  const server = spawn(process.execPath, [...process.execArgv, SERVER, ...args], {
    stdio: ["inherit", "pipe", "inherit"],
  });
  const url = new Promise((resolve, reject) => {
    createInterface({ input: server.stdout }).on("line", (line) => {
      process.stdout.write(`${line}\n`);
      const match = /listening on (http:\/\/\S+)/.exec(line);
      if (match) resolve(match[1]);
    });
    server.once("exit", (code) => reject(Object.assign(new Error("server exited"), { code })));
  });
  return { server, url };
}

/** Prints how to try the first example against `endpoint`. */
function printTryIt(endpoint, examples, first) {
  const payload = JSON.stringify(first.input);
  process.stdout.write(
    [
      "",
      `Deployed ${examples.length} examples (alias "${ALIAS}"). Open the web console at ${endpoint}/, or try one:`,
      "",
      `  pnpm durable invoke ${first.name} --qualifier ${ALIAS} --payload '${payload}' --endpoint ${endpoint}`,
      `  pnpm durable list ${first.name} --endpoint ${endpoint}`,
      "",
      "or with the AWS CLI (any credentials):",
      "",
      `  aws lambda invoke --endpoint-url ${endpoint} --region us-east-1 --function-name ${first.name} --qualifier ${ALIAS} --cli-binary-format raw-in-base64-out --payload '${payload}' out.json && cat out.json`,
      "",
      `Examples: ${examples.join(", ")}`,
      "",
    ].join("\n"),
  );
}

const { server, url } = startServer(process.argv.slice(2));
let failed = false;
// Ctrl-C reaches the server too; this process ends when the server does, with its exit code.
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(failed ? 1 : (code ?? (signal ? 1 : 0))));

// When the server exits before it listens (a bad option, --help, a taken port), it has said why
// and the exit handler above passes its code on.
const endpoint = await url.catch(() => undefined);
if (endpoint !== undefined) {
  const examples = readdirSync(join(repoRoot, "examples"))
    .filter((entry) => /^\d{2}-/.test(entry))
    .sort();
  try {
    /** @type {import("./lib/example-deploy.mjs").ExampleDeployment | undefined} */
    let first;
    for (const example of examples) {
      const deployment = readExampleDeployment(join(repoRoot, "examples", example));
      first ??= deployment;
      for (const target of [deployment.main, ...deployment.callees]) {
        await deploy(example, target, endpoint);
      }
    }
    if (first !== undefined)
      printTryIt(endpoint, examples, { name: first.main.name, input: first.input });
  } catch (error) {
    process.stderr.write(`${PREFIX} ${error instanceof Error ? error.message : String(error)}\n`);
    failed = true;
    server.kill("SIGTERM");
  }
}
