import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../../durable.mjs";
import { formatTimeline } from "../../lib/durable/history.mjs";
import { json, lambdaError, route, runDurable, startFakeLambda } from "./helpers/fake-lambda.mjs";

const HISTORY = "GET /2025-12-01/durable-executions/{DurableExecutionArn}/history";
const ARN = "arn:aws:lambda:us-east-1:123456789012:function:orders:3/durable-execution/order-1/x1";
// 2025-12-01T10:00:00Z in epoch seconds, as the Lambda REST API sends timestamps.
const T0 = 1_764_583_200;

/** A history event in the wire shape: common fields plus one <EventType>Details member. */
const event = (id, type, offset, fields = {}, details = {}) => ({
  EventId: id,
  EventType: type,
  EventTimestamp: T0 + offset,
  ...fields,
  [`${type}Details`]: details,
});

const EVENTS = [
  event(
    1,
    "ExecutionStarted",
    0,
    { Id: "exec" },
    {
      Input: { Payload: '{\n  "orderId": "o-1"\n}' },
      ExecutionTimeout: 86400,
    },
  ),
  event(2, "StepStarted", 0.05, { Id: "1", Name: "charge-card" }),
  event(
    3,
    "StepFailed",
    0.25,
    { Id: "1", Name: "charge-card" },
    {
      Error: { Payload: { ErrorType: "GatewayTimeoutError", ErrorMessage: "upstream timed out" } },
      RetryDetails: { CurrentAttempt: 1, NextAttemptDelaySeconds: 2 },
    },
  ),
  event(
    4,
    "InvocationCompleted",
    0.3,
    {},
    {
      StartTimestamp: T0,
      EndTimestamp: T0 + 0.3,
      RequestId: "req-1",
    },
  ),
];
const EVENTS_PAGE_2 = [
  event(5, "StepStarted", 2.3, { Id: "1", Name: "charge-card" }),
  event(
    6,
    "StepSucceeded",
    2.5,
    { Id: "1", Name: "charge-card" },
    {
      Result: { Payload: '{"chargeId":"ch_1"}' },
      RetryDetails: { CurrentAttempt: 2 },
    },
  ),
  event(
    7,
    "WaitStarted",
    2.6,
    { Id: "2", Name: "cool-down" },
    {
      Duration: 604800,
      ScheduledEndTimestamp: T0 + 2.6 + 604800,
    },
  ),
  event(8, "WaitSucceeded", 604802.6, { Id: "2", Name: "cool-down" }, { Duration: 604800 }),
  event(
    9,
    "CallbackStarted",
    604803,
    { Id: "3", Name: "approval" },
    {
      CallbackId: "cb-Zm9v",
      Timeout: 3600,
      HeartbeatTimeout: 300,
    },
  ),
  event(
    10,
    "CallbackSucceeded",
    604900,
    { Id: "3", Name: "approval" },
    {
      Result: { Payload: '"approved"' },
    },
  ),
  event(
    11,
    "ExecutionSucceeded",
    604901,
    { Id: "exec" },
    {
      Result: { Payload: `{"note":"${"x".repeat(100)}"}`, Truncated: true },
    },
  ),
];

describe("durable history", () => {
  let fake;
  const run = (argv, io) => runDurable(main, [...argv, "--endpoint", fake.url], io);
  beforeEach(async () => {
    fake = await startFakeLambda([
      route(HISTORY, (request) =>
        request.query.Marker === undefined
          ? json({ Events: EVENTS, NextMarker: "m-2" })
          : json({ Events: EVENTS_PAGE_2 }),
      ),
    ]);
  });
  afterEach(async () => {
    expect(fake.unhandled).toEqual([]);
    await fake.close();
  });

  it("reads every page and prints one aligned line per event", async () => {
    const { code, stdout, stderr } = await run(["history", ARN]);

    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(fake.requests.map((request) => [request.path, request.query])).toEqual([
      [`/2025-12-01/durable-executions/${ARN}/history`, { MaxItems: "1000" }],
      [`/2025-12-01/durable-executions/${ARN}/history`, { MaxItems: "1000", Marker: "m-2" }],
    ]);
    expect(stdout).toBe(
      [
        '+0s       ExecutionStarted                    input {"orderId":"o-1"} (timeout 1d)',
        '+0.05s    StepStarted          "charge-card"',
        '+0.25s    StepFailed           "charge-card"  GatewayTimeoutError: upstream timed out (attempt 1, retry in 2s)',
        "+0.3s     InvocationCompleted                 ran 0.3s request req-1",
        '+2.3s     StepStarted          "charge-card"',
        '+2.5s     StepSucceeded        "charge-card"  {"chargeId":"ch_1"} (attempt 2)',
        '+2.6s     WaitStarted          "cool-down"    7d (until 2025-12-08T10:00:02.600Z)',
        '+7d2s     WaitSucceeded        "cool-down"',
        '+7d3s     CallbackStarted      "approval"     callback cb-Zm9v (timeout 1h, heartbeat 5m)',
        '+7d1m40s  CallbackSucceeded    "approval"     "approved"',
        `+7d1m41s  ExecutionSucceeded                  {"note":"${"x".repeat(70)}… [truncated]`,
        "",
      ].join("\n"),
    );
  });

  it("asks for the newest event first with --reverse, keeping offsets from the earliest", async () => {
    fake.use(route(HISTORY, json({ Events: [...EVENTS].reverse() })));

    const { stdout } = await run(["history", ARN, "--reverse"]);

    expect(fake.requests[0].query).toEqual({ MaxItems: "1000", ReverseOrder: "true" });
    const lines = stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^\+0\.3s\s+InvocationCompleted/);
    expect(lines.at(-1)).toMatch(/^\+0s\s+ExecutionStarted/);
  });

  it("prints the raw events as JSON with --json", async () => {
    const { stdout } = await run(["history", ARN, "--json"]);

    const events = JSON.parse(stdout);
    expect(events).toHaveLength(11);
    expect(events[2]).toEqual({
      EventId: 3,
      EventType: "StepFailed",
      EventTimestamp: "2025-12-01T10:00:00.250Z",
      Id: "1",
      Name: "charge-card",
      StepFailedDetails: {
        Error: {
          Payload: { ErrorType: "GatewayTimeoutError", ErrorMessage: "upstream timed out" },
        },
        RetryDetails: { CurrentAttempt: 1, NextAttemptDelaySeconds: 2 },
      },
    });
  });

  it("names the execution when there is no such execution", async () => {
    fake.use(route(HISTORY, lambdaError(404, "ResourceNotFoundException", "Execution not found")));

    const { code, stderr } = await run(["history", ARN]);

    expect(code).toBe(1);
    expect(stderr).toContain(
      `[durable] Failed to get the execution history: no durable execution "${ARN}" in us-east-1`,
    );
  });
});

describe("formatTimeline", () => {
  it("leaves out the name column when no event has a name", () => {
    const timeline = formatTimeline([
      { EventType: "ExecutionStarted", EventTimestamp: new Date(0), ExecutionStartedDetails: {} },
      {
        EventType: "ExecutionFailed",
        EventTimestamp: new Date(90_000),
        ExecutionFailedDetails: {
          Error: { Payload: { ErrorType: "Error", ErrorMessage: "boom" } },
        },
      },
    ]);

    expect(timeline).toBe("+0s     ExecutionStarted\n+1m30s  ExecutionFailed   Error: boom");
  });

  it("shows the target of a chained invoke and the error of a timed-out callback", () => {
    const timeline = formatTimeline([
      {
        EventType: "ChainedInvokeStarted",
        Name: "ship",
        EventTimestamp: new Date(0),
        ChainedInvokeStartedDetails: { FunctionName: "shipping:live", Input: { Payload: "{}" } },
      },
      {
        EventType: "CallbackTimedOut",
        Name: "approval",
        EventTimestamp: new Date(3_600_000),
        CallbackTimedOutDetails: {
          Error: { Payload: { ErrorType: "Callback.Timeout", ErrorMessage: "timed out" } },
        },
      },
    ]);

    expect(timeline).toBe(
      [
        '+0s  ChainedInvokeStarted  "ship"      -> shipping:live {}',
        '+1h  CallbackTimedOut      "approval"  Callback.Timeout: timed out',
      ].join("\n"),
    );
  });
});
