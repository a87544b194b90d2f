#!/usr/bin/env node
// durable-local: the Lambda REST API on this machine, with durable functions running as in Lambda.
import { parseArgs } from "node:util";
import { exposedHostWarning } from "./http/request-guard.js";
import { startLocalServer } from "./http/server.js";

const USAGE = `usage: durable-local [--port 9000] [--host 127.0.0.1] [--data-dir DIR] [--speed N | --skip-idle] [--max-code-mb 250] [--max-versions 100] [--verbose]

Serves the Lambda REST API (function management, Invoke, durable executions) for
@aws-sdk/client-lambda, the AWS CLI and pnpm durable, and runs deployed durable functions.

  --port N            port to listen on (default 9000; 0 picks a free one)
  --host H            address to bind (default 127.0.0.1; any other address lets other
                      machines deploy and run code here, and prints a warning)
  --data-dir DIR      where functions and executions are kept across restarts
                      (default .durable-local in the current folder)
  --speed N           run the clock N times faster than real time (default 1)
  --skip-idle         jump the clock to the next timer whenever nothing is running
                      (waits, callback and execution timeouts then end at once)
  --max-code-mb N     what one deployed package may unpack to, in MB (default 250, as Lambda)
  --max-versions N    published versions one function may keep (default 100)
  --verbose           log every request to stderr
  -h, --help          show this help`;

class UsageError extends Error {
  override name = "UsageError";
}

function say(line: string): void {
  process.stderr.write(`[durable-local] ${line}\n`);
}

function readOptions(argv: string[]) {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        port: { type: "string" },
        host: { type: "string" },
        "data-dir": { type: "string" },
        speed: { type: "string" },
        "max-code-mb": { type: "string" },
        "max-versions": { type: "string" },
        "skip-idle": { type: "boolean" },
        verbose: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const port = values.port === undefined ? 9000 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new UsageError(`--port must be an integer from 0 to 65535, got "${values.port}".`);
  }
  const speed = values.speed === undefined ? undefined : Number(values.speed);
  if (speed !== undefined && !(Number.isFinite(speed) && speed > 0)) {
    throw new UsageError(`--speed must be a positive number such as 60, got "${values.speed}".`);
  }
  const maxCodeMb = positiveInteger(values["max-code-mb"], "--max-code-mb", "250");
  const maxVersions = positiveInteger(values["max-versions"], "--max-versions", "100");
  if (speed !== undefined && values["skip-idle"] === true) {
    throw new UsageError("Pass either --speed or --skip-idle, not both.");
  }
  return {
    help: values.help === true,
    port,
    host: (values.host as string | undefined) ?? "127.0.0.1",
    dataDir: (values["data-dir"] as string | undefined) ?? ".durable-local",
    speed,
    skipIdle: values["skip-idle"] === true,
    verbose: values.verbose === true,
    maxCodeMb,
    maxVersions,
  };
}

function positiveInteger(value: unknown, flag: string, example: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) {
    throw new UsageError(
      `${flag} must be a whole number of at least 1 such as ${example}, got "${value}".`,
    );
  }
  return number;
}

async function main(): Promise<number> {
  let options: ReturnType<typeof readOptions>;
  try {
    options = readOptions(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`durable-local: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const server = await startLocalServer({
    port: options.port,
    host: options.host,
    dataDir: options.dataDir,
    ...(options.speed === undefined ? {} : { speed: options.speed }),
    skipIdle: options.skipIdle,
    ...(options.maxCodeMb === undefined
      ? {}
      : { maxUnzippedBytes: options.maxCodeMb * 1024 * 1024 }),
    ...(options.maxVersions === undefined ? {} : { maxVersions: options.maxVersions }),
    log: say,
    ...(options.verbose ? { onRequest: say } : {}),
  });
  const warning = exposedHostWarning(options.host);
  if (warning !== undefined) for (const line of warning.split("\n")) say(line);
  const clock = options.skipIdle
    ? "skipping idle time"
    : options.speed === undefined
      ? "real time"
      : `${options.speed}x real time`;
  process.stdout.write(
    `durable-local listening on ${server.url} (data in ${options.dataDir}, clock: ${clock})\n` +
      `durable-local web console at ${server.url}/\n`,
  );
  const stop = () => {
    say("stopping");
    void server.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);

  return -1;
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    process.stderr.write(
      `[durable-local] Failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  },
);
