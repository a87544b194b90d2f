import { execFile } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../durable.mjs";
import { allOptions } from "../../lib/durable/args.mjs";
import { COMMANDS } from "../../lib/durable/main.mjs";
import { json, route, runDurable, startFakeLambda } from "./helpers/fake-lambda.mjs";

const run = (argv, io) => runDurable(main, argv, io);
const cli = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "durable.mjs");

describe("durable --help", () => {
  it("lists every command and the global options on stdout and exits 0", async () => {
    const { code, stdout, stderr } = await run(["--help"]);

    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(stdout).toMatch(/^usage: durable <command> \[options\]/);
    for (const name of ["invoke", "list", "get", "history", "stop", "deploy", "delete"]) {
      expect(stdout).toMatch(new RegExp(`^  ${name} <`, "m"));
    }
    expect(stdout).toMatch(/^ {2}callback succeed <callback-id> /m);
    expect(stdout).toContain("--endpoint URL");
  });

  it("gives each command its own help, with its options and the global ones", async () => {
    for (const command of COMMANDS) {
      const { code, stdout } = await run([...command.name.split(" "), "--help"]);

      expect(code, command.name).toBe(0);
      expect(stdout, command.name).toMatch(new RegExp(`^usage: durable ${command.name}`));
      for (const option of Object.keys(command.options)) {
        expect(stdout, `${command.name} --${option}`).toContain(`--${option}`);
      }
      expect(stdout, command.name).toContain("--region REGION");
    }
  });

  it("shows the actions of the callback group", async () => {
    const { code, stdout } = await run(["callback", "-h"]);

    expect(code).toBe(0);
    expect(stdout).toMatch(/^usage: durable callback <succeed\|fail\|heartbeat>/);
  });

  it("runs as a program, printing help without touching the network", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [cli, "history", "--help"]);

    expect(stdout).toMatch(/^usage: durable history <execution-arn>/);
  });
});

describe("durable usage errors", () => {
  it("rejects an unknown command, naming the accepted ones, with exit code 2", async () => {
    const { code, stdout, stderr } = await run(["lsit", "orders"]);

    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(
      /^\[durable\] Unknown command "lsit"\. Accepted: invoke, list, get, history, export, replay, stop, callback, deploy, delete\.\nusage: durable <command>/,
    );
  });

  it("asks for a command when there is none", async () => {
    const { code, stderr } = await run([]);

    expect(code).toBe(2);
    expect(stderr).toMatch(/^\[durable\] Missing command\. Accepted: invoke, list/);
  });

  it("rejects an unknown callback action, naming the accepted ones", async () => {
    const { code, stderr } = await run(["callback", "approve", "cb-1"]);

    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^\[durable\] Unknown callback action "approve"\. Accepted: succeed, fail, heartbeat\.\nusage: durable callback/,
    );
  });

  it("rejects an unknown option, listing the command's options and printing its usage", async () => {
    const { code, stderr } = await run(["list", "orders", "--statuses", "RUNNING"]);

    expect(code).toBe(2);
    expect(stderr).toContain(
      "[durable] Unknown option '--statuses'. durable list accepts --region, --profile, --endpoint, " +
        "--qualifier, --status, --since, --until, --name, --limit, --json.",
    );
    expect(stderr).toContain("usage: durable list <function>");
  });

  it("names a missing positional argument", async () => {
    const { code, stderr } = await run(["history"]);

    expect(code).toBe(2);
    expect(stderr).toMatch(/^\[durable\] durable history needs <execution-arn>\./);
  });

  it("rejects extra positional arguments", async () => {
    const { code, stderr } = await run(["get", "arn-1", "arn-2"]);

    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^\[durable\] durable get takes <execution-arn>, but also got "arn-2"\./,
    );
  });

  it("names an option that is missing its value", async () => {
    const { code, stderr } = await run(["invoke", "orders", "--payload"]);

    expect(code).toBe(2);
    expect(stderr).toMatch(/^\[durable\] Option '--payload <value>' argument missing\./);
  });

  it.each([
    [
      ["list", "f", "--status", "RUNNING,DONE"],
      '--status accepts FAILED, RUNNING, STOPPED, SUCCEEDED, TIMED_OUT; got "DONE".',
    ],
    [
      ["list", "f", "--since", "yesterday"],
      '--since must be an ISO-8601 time (2025-12-01 or 2025-12-01T10:00:00Z) or an age (30s, 15m, 1h, 2d, 1w), got "yesterday".',
    ],
    [
      ["list", "f", "--since", "1h", "--until", "2h"],
      "--since (2026-01-01T11:00:00Z) must be before --until (2026-01-01T10:00:00Z).",
    ],
    [["list", "f", "--limit", "0"], '--limit must be a whole number at least 1, got "0".'],
    [["invoke", "f", "--payload", "{oops}"], "--payload is not valid JSON ("],
    [
      ["invoke", "f", "--payload", "{}", "--payload-file", "in.json"],
      "Pass either --payload or --payload-file, not both.",
    ],
    [
      ["invoke", "f", "--payload-file", "/no/such/input.json"],
      "--payload-file: cannot read /no/such/input.json (ENOENT).",
    ],
    [
      ["invoke", "f", "--name", "order 1"],
      '--name "order 1" is not an execution name: use 1 to 64 letters, digits, "-" or "_".',
    ],
    [["deploy", "hello-step"], "durable deploy needs --function NAME"],
    [
      ["deploy", "hello-step", "--function", "f", "--retention-days", "91"],
      '--retention-days must be a whole number from 1 to 90, got "91".',
    ],
    [
      ["deploy", "hello-step", "--function", "f", "--alias", "3"],
      '--alias "3" is not an alias name',
    ],
    [
      ["deploy", "no-such-example", "--function", "f"],
      'No example "no-such-example": it is not a folder, nor an example under examples.',
    ],
    [
      ["list", "f", "--endpoint", "127.0.0.1:9000"],
      '--endpoint must be an http:// or https:// URL such as http://127.0.0.1:9000, got "127.0.0.1:9000".',
    ],
  ])("rejects %j before sending anything", async (argv, message) => {
    const now = () => new Date("2026-01-01T12:00:00Z");
    const { code, stderr } = await run(argv, { now });

    expect(code).toBe(2);
    expect(stderr).toContain(`[durable] ${message}`);
  });
});

describe("durable global options", () => {
  let fake;
  beforeAll(async () => {
    fake = await startFakeLambda([
      route(
        "GET /2025-12-01/functions/{FunctionName}/durable-executions",
        json({ DurableExecutions: [] }),
      ),
    ]);
  });
  afterAll(() => fake.close());

  it("accepts global and command options before the command name", async () => {
    const { code } = await run(["--endpoint", fake.url, "--qualifier", "live", "list", "orders"]);

    expect(code).toBe(0);
    expect(fake.requests.at(-1)?.query).toEqual({ MaxItems: "100", Qualifier: "live" });
  });

  it("takes the endpoint from AWS_ENDPOINT_URL_LAMBDA before AWS_ENDPOINT_URL", async () => {
    const env = { AWS_ENDPOINT_URL_LAMBDA: fake.url, AWS_ENDPOINT_URL: "http://127.0.0.1:1" };
    const { code } = await run(["list", "orders"], { env });

    expect(code).toBe(0);
    expect(fake.requests.at(-1)?.path).toBe("/2025-12-01/functions/orders/durable-executions");
  });

  it("gives an option the same meaning in every command", () => {
    expect(() => allOptions(COMMANDS)).not.toThrow();
  });
});
