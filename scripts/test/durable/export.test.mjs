import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadHistory, replayHistory, startDurable } from "@durable-examples/testing";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../durable.mjs";
import { handler } from "../fixtures/waiting-handler/v1.ts";
import { json, lambdaError, route, runDurable, startFakeLambda } from "./helpers/fake-lambda.mjs";

const ARN = "arn:aws:lambda:us-east-1:123456789012:function:orders:4/durable-execution/order-7/x7";
const EXECUTION = "GET /2025-12-01/durable-executions/{DurableExecutionArn}";
const HISTORY = `${EXECUTION}/history`;

/** Timestamps as the Lambda REST API sends them: epoch seconds. */
const onTheWire = (value) =>
  JSON.parse(
    JSON.stringify(value, (key, item) =>
      key.endsWith("Timestamp") && typeof item === "string" ? Date.parse(item) / 1000 : item,
    ),
  );

describe("durable export", () => {
  let fake;
  let recorded;
  const run = (argv) => runDurable(main, [...argv, "--endpoint", fake.url]);
  beforeAll(async () => {
    // A real execution waiting for its approval, recorded by the harness.
    recorded = await startDurable(handler, { input: { orderId: "order-7" } }).toHistory();
  });
  afterEach(async () => {
    expect(fake.unhandled).toEqual([]);
    await fake.close();
  });

  /** The fake serves the recorded execution, its events in two pages. */
  const serveRecorded = () => {
    const events = onTheWire(recorded.events);
    const half = Math.ceil(events.length / 2);
    return [
      route(`${HISTORY}`, ({ query }) =>
        json(
          query.Marker === undefined
            ? { Events: events.slice(0, half), NextMarker: "page-2" }
            : { Events: events.slice(half) },
        ),
      ),
      route(EXECUTION, () =>
        json({
          DurableExecutionArn: ARN,
          DurableExecutionName: "order-7",
          FunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:orders:4",
          Version: "4",
          Status: "RUNNING",
          InputPayload: '{"orderId":"order-7"}',
          StartTimestamp: Date.parse("2025-01-01T00:00:00Z") / 1000,
        }),
      ),
    ];
  };

  it("writes the execution and every page of its events as a history file the harness replays", async () => {
    fake = await startFakeLambda(serveRecorded());
    const file = join(mkdtempSync(join(tmpdir(), "durable-export-")), "order-7.json");

    const { code, stderr } = await run(["export", ARN, "--out", file]);

    expect(stderr).not.toContain("Failed");
    expect(code).toBe(0);
    expect(fake.requests.filter((request) => request.path.endsWith("/history"))).toHaveLength(2);
    expect(fake.requests[2].query).toMatchObject({ Marker: "page-2", MaxItems: "1000" });
    const written = JSON.parse(readFileSync(file, "utf8"));
    expect(written).toMatchObject({
      format: "durable-examples/history@1",
      functionName: "orders",
      version: "4",
      executionArn: ARN,
      status: "RUNNING",
    });
    expect(written.events).toHaveLength(recorded.events.length);
    expect(written.events[0].EventTimestamp).toBe("2025-01-01T00:00:00.000Z");
    const history = loadHistory(file);
    expect(history.operations.map((op) => [op.Id, op.Type, op.Name, op.Status])).toEqual(
      recorded.operations.map((op) => [op.Id, op.Type, op.Name, op.Status]),
    );
    expect(history.operations[0].ExecutionDetails).toEqual({
      InputPayload: '{"orderId":"order-7"}',
    });
    await expect(replayHistory(handler, history)).resolves.toMatchObject({ compatible: true });
  });

  it("prints the file to stdout without --out", async () => {
    fake = await startFakeLambda(serveRecorded());

    const { code, stdout, stderr } = await run(["export", ARN]);

    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ executionArn: ARN, status: "RUNNING" });
    expect(stderr).toMatch(/^\[durable\] exported arn:.* \(RUNNING, 3 operations, \d+ events\)\n$/);
  });

  it("names the execution it cannot find, and writes nothing", async () => {
    fake = await startFakeLambda([
      route(
        EXECUTION,
        lambdaError(404, "ResourceNotFoundException", "Durable execution not found"),
      ),
    ]);

    const { code, stdout, stderr } = await run(["export", ARN]);

    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toContain("[durable] Failed to get the execution:");
    expect(stderr).toContain(ARN);
  });
});
