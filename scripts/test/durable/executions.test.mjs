import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../../durable.mjs";
import { json, lambdaError, route, runDurable, startFakeLambda } from "./helpers/fake-lambda.mjs";

const LIST = "GET /2025-12-01/functions/{FunctionName}/durable-executions";
const GET = "GET /2025-12-01/durable-executions/{DurableExecutionArn}";
const STOP = "POST /2025-12-01/durable-executions/{DurableExecutionArn}/stop";
const FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:orders";
const arnOf = (name) => `${FUNCTION_ARN}:3/durable-execution/${name}/id-${name}`;
// 2025-12-01T10:00:00Z in the epoch seconds the Lambda REST API sends.
const T0 = 1_764_583_200;

const execution = (name, status, startOffset, endOffset) => ({
  DurableExecutionArn: arnOf(name),
  DurableExecutionName: name,
  FunctionArn: `${FUNCTION_ARN}:3`,
  Status: status,
  StartTimestamp: T0 + startOffset,
  ...(endOffset === undefined ? {} : { EndTimestamp: T0 + endOffset }),
});

describe("durable list", () => {
  let fake;
  const run = (argv, io) => runDurable(main, [...argv, "--endpoint", fake.url], io);
  beforeEach(async () => {
    fake = await startFakeLambda([
      route(LIST, (request) =>
        request.query.Marker === undefined
          ? json({
              DurableExecutions: [
                execution("order-1", "SUCCEEDED", 0, 5),
                execution("order-2", "FAILED", 60, 62.5),
              ],
              NextMarker: "page-2",
            })
          : json({ DurableExecutions: [execution("order-3", "RUNNING", 120)] }),
      ),
    ]);
  });
  afterEach(async () => {
    expect(fake.unhandled).toEqual([]);
    await fake.close();
  });

  it("follows NextMarker through every page and prints one table", async () => {
    const { code, stdout, stderr } = await run(["list", "orders", "--qualifier", "live"]);

    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(fake.requests.map((request) => request.query)).toEqual([
      { Qualifier: "live", MaxItems: "100" },
      { Qualifier: "live", MaxItems: "98", Marker: "page-2" },
    ]);
    expect(stdout).toBe(
      [
        "NAME     STATUS     STARTED               ENDED                     ARN",
        `order-1  SUCCEEDED  2025-12-01T10:00:00Z  2025-12-01T10:00:05Z      ${arnOf("order-1")}`,
        `order-2  FAILED     2025-12-01T10:01:00Z  2025-12-01T10:01:02.500Z  ${arnOf("order-2")}`,
        `order-3  RUNNING    2025-12-01T10:02:00Z  -                         ${arnOf("order-3")}`,
        "",
      ].join("\n"),
    );
  });

  it("stops paging at --limit and says that more executions exist", async () => {
    const { code, stdout, stderr } = await run(["list", "orders", "--limit", "2"]);

    expect(code).toBe(0);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0].query.MaxItems).toBe("2");
    expect(stdout.trim().split("\n")).toHaveLength(3);
    expect(stderr).toBe(
      "[durable] showing the first 2 executions; there are more (raise --limit to see them)\n",
    );
  });

  it("sends the status, name and time filters as query parameters", async () => {
    const now = () => new Date("2026-01-01T12:00:00Z");

    await run(
      [
        "list",
        "orders",
        "--status",
        "running,failed",
        "--since",
        "2d",
        "--until",
        "2026-01-01T11:30:00Z",
        "--name",
        "order-1",
      ],
      { now },
    );

    expect(fake.requests[0].query).toEqual({
      Statuses: ["RUNNING", "FAILED"],
      StartedAfter: "2025-12-30T12:00:00Z",
      StartedBefore: "2026-01-01T11:30:00Z",
      DurableExecutionName: "order-1",
      MaxItems: "100",
    });
  });

  it("prints the executions as a JSON array with --json", async () => {
    const { stdout } = await run(["list", "orders", "--json"]);

    const executions = JSON.parse(stdout);
    expect(executions.map((e) => e.DurableExecutionName)).toEqual([
      "order-1",
      "order-2",
      "order-3",
    ]);
    expect(executions[0].StartTimestamp).toBe("2025-12-01T10:00:00.000Z");
  });

  it("says so when nothing matches, and how to list an alias's executions", async () => {
    fake.use(route(LIST, json({ DurableExecutions: [] })));

    const { code, stdout, stderr } = await run(["list", "orders"]);

    expect(code).toBe(0);
    expect(stdout).toBe("");
    expect(stderr).toBe(
      "[durable] no executions of $LATEST (pass --qualifier for an alias) match\n",
    );
  });

  it("names the function when there is no such function", async () => {
    fake.use(
      route(LIST, lambdaError(404, "ResourceNotFoundException", "Function not found: orderz")),
    );

    const { code, stderr } = await run(["list", "orderz"]);

    expect(code).toBe(1);
    expect(stderr).toBe(
      `[durable] Failed to list executions: no function named "orderz" in us-east-1 at ${fake.url} (ResourceNotFoundException: Function not found: orderz).\n`,
    );
  });
});

describe("durable get", () => {
  let fake;
  const run = (argv, io) => runDurable(main, [...argv, "--endpoint", fake.url], io);
  beforeEach(async () => {
    fake = await startFakeLambda([
      route(
        GET,
        json({
          ...execution("order-2", "FAILED", 60, 62.5),
          Version: "3",
          InputPayload: '{"orderId":"o-2"}',
          Error: {
            ErrorType: "StepError",
            ErrorMessage: "charge-card failed after 3 attempts",
            ErrorData: '{"attempts":3}',
          },
        }),
      ),
    ]);
  });
  afterEach(() => fake.close());

  it("asks for the execution by its ARN, percent-encoded in the path", async () => {
    await run(["get", arnOf("order-2")]);

    expect(fake.requests[0].method).toBe("GET");
    expect(fake.requests[0].rawPath).toBe(
      `/2025-12-01/durable-executions/${encodeURIComponent(arnOf("order-2"))}`,
    );
    expect(fake.requests[0].params.DurableExecutionArn).toBe(arnOf("order-2"));
  });

  it("prints status, version, times, input and error", async () => {
    const { code, stdout } = await run(["get", arnOf("order-2")]);

    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        "name        order-2",
        `arn         ${arnOf("order-2")}`,
        `function    ${FUNCTION_ARN}:3`,
        "version     3",
        "status      FAILED",
        "started     2025-12-01T10:01:00Z",
        "ended       2025-12-01T10:01:02.500Z (after 2.5s)",
        'input       {"orderId":"o-2"}',
        "error       StepError: charge-card failed after 3 attempts",
        'error data  {"attempts":3}',
        "",
      ].join("\n"),
    );
  });

  it("prints the result of a successful execution", async () => {
    fake.use(
      route(GET, json({ ...execution("order-1", "SUCCEEDED", 0, 5), Result: '{"ok":true}' })),
    );

    const { stdout } = await run(["get", arnOf("order-1")]);

    expect(stdout).toContain('result    {"ok":true}\n');
    expect(stdout).not.toContain("error");
  });

  it("names the execution when there is no such execution", async () => {
    fake.use(route(GET, lambdaError(404, "ResourceNotFoundException", "Execution not found")));

    const { code, stderr } = await run(["get", arnOf("gone")]);

    expect(code).toBe(1);
    expect(stderr).toBe(
      `[durable] Failed to get the execution: no durable execution "${arnOf("gone")}" in us-east-1 at ${fake.url}; it may be past its retention period (ResourceNotFoundException: Execution not found).\n`,
    );
  });
});

describe("durable stop", () => {
  let fake;
  const run = (argv, io) => runDurable(main, [...argv, "--endpoint", fake.url], io);
  beforeEach(async () => {
    fake = await startFakeLambda([route(STOP, json({ StopTimestamp: T0 + 300 }))]);
  });
  afterEach(() => fake.close());

  it("stops with the given error after --yes and prints the stop time", async () => {
    const { code, stdout, stderr } = await run([
      "stop",
      arnOf("order-3"),
      "--error-type",
      "OperatorStop",
      "--error-message",
      "duplicate order",
      "--yes",
    ]);

    expect(code).toBe(0);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0].method).toBe("POST");
    expect(fake.requests[0].path).toBe(`/2025-12-01/durable-executions/${arnOf("order-3")}/stop`);
    expect(fake.requests[0].json).toEqual({
      ErrorType: "OperatorStop",
      ErrorMessage: "duplicate order",
    });
    expect(stdout).toBe("stopped  2025-12-01T10:05:00Z\n");
    expect(stderr).toBe(
      [
        "[durable] stop will change:",
        "[durable]   region     us-east-1",
        `[durable]   endpoint   ${fake.url} (local)`,
        `[durable]   execution  ${arnOf("order-3")}`,
        "[durable]   error      OperatorStop: duplicate order",
        `[durable] stopped ${arnOf("order-3")}`,
        "",
      ].join("\n"),
    );
  });

  it("refuses without --yes off a terminal, after saying what it would touch", async () => {
    const { code, stderr } = await run(["stop", arnOf("order-3")]);

    expect(code).toBe(2);
    expect(fake.requests).toEqual([]);
    expect(stderr).toContain(`[durable]   execution  ${arnOf("order-3")}`);
    expect(stderr).toContain(
      "[durable] Stop the execution changes things, so it needs --yes when not run at a terminal. Nothing was changed.",
    );
  });

  it("asks at a terminal and stops when the answer is yes", async () => {
    const stdin = Object.assign(new PassThrough(), { isTTY: true });
    stdin.end("y\n");

    const { code, stderr } = await run(["stop", arnOf("order-3")], { stdin });

    expect(code).toBe(0);
    expect(stderr).toContain("[durable] Stop the execution? [y/N] ");
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0].json).toEqual({});
  });

  it("changes nothing when the answer at a terminal is not yes", async () => {
    const stdin = Object.assign(new PassThrough(), { isTTY: true });
    stdin.end("n\n");

    const { code, stderr } = await run(["stop", arnOf("order-3")], { stdin });

    expect(code).toBe(1);
    expect(fake.requests).toEqual([]);
    expect(stderr).toContain("[durable] Cancelled; nothing was changed.");
  });
});
