import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../../durable.mjs";
import { json, lambdaError, route, runDurable, startFakeLambda } from "./helpers/fake-lambda.mjs";

const CALLBACKS = "/2025-12-01/durable-execution-callbacks/{CallbackId}";
// Callback ids are opaque and may hold characters that need percent-encoding in a path.
const ID = "eyJjIjoiYXBwcm92YWwifQ==";

describe("durable callback", () => {
  let fake;
  const run = (argv, io) => runDurable(main, [...argv, "--endpoint", fake.url], io);
  beforeEach(async () => {
    fake = await startFakeLambda([
      route(`POST ${CALLBACKS}/succeed`, json({})),
      route(`POST ${CALLBACKS}/fail`, json({})),
      route(`POST ${CALLBACKS}/heartbeat`, json({})),
    ]);
  });
  afterEach(async () => {
    expect(fake.unhandled).toEqual([]);
    await fake.close();
  });

  it("succeeds with a JSON result sent as the raw body", async () => {
    const { code, stdout, stderr } = await run([
      "callback",
      "succeed",
      ID,
      "--result",
      '{"approved":true,"by":"ana"}',
    ]);

    expect(code).toBe(0);
    expect(stdout).toBe("");
    expect(fake.requests).toHaveLength(1);
    const [request] = fake.requests;
    expect(request.method).toBe("POST");
    expect(request.rawPath).toBe(
      `/2025-12-01/durable-execution-callbacks/${encodeURIComponent(ID)}/succeed`,
    );
    expect(request.params.CallbackId).toBe(ID);
    expect(request.body).toBe('{"approved":true,"by":"ana"}');
    expect(stderr).toBe(`[durable] callback ${ID} succeeded with {"approved":true,"by":"ana"}\n`);
  });

  it("sends text that is not JSON as a JSON string, and says so", async () => {
    const { code, stderr } = await run(["callback", "succeed", ID, "--result", "approved"]);

    expect(code).toBe(0);
    expect(fake.requests[0].body).toBe('"approved"');
    expect(stderr).toContain(
      '[durable] --result is not JSON; sending it as the JSON string "approved"',
    );
  });

  it("succeeds with an empty body when no result is given", async () => {
    await run(["callback", "succeed", ID]);

    expect(fake.requests[0].body).toBe("");
  });

  it("fails with the error type, message and data as the body", async () => {
    const { code, stderr } = await run([
      "callback",
      "fail",
      ID,
      "--error-type",
      "Rejected",
      "--error-message",
      "budget exceeded",
      "--error-data",
      '{"limit":100}',
    ]);

    expect(code).toBe(0);
    expect(fake.requests[0].path).toBe(`/2025-12-01/durable-execution-callbacks/${ID}/fail`);
    expect(fake.requests[0].json).toEqual({
      ErrorType: "Rejected",
      ErrorMessage: "budget exceeded",
      ErrorData: '{"limit":100}',
    });
    expect(stderr).toBe(`[durable] callback ${ID} failed with Rejected\n`);
  });

  it("sends a heartbeat", async () => {
    const { code, stderr } = await run(["callback", "heartbeat", ID]);

    expect(code).toBe(0);
    expect(fake.calls()).toEqual([`POST /2025-12-01/durable-execution-callbacks/${ID}/heartbeat`]);
    expect(stderr).toBe(`[durable] heartbeat sent for callback ${ID}\n`);
  });

  it("names the callback when the service does not know it", async () => {
    fake.use(
      route(
        `POST ${CALLBACKS}/succeed`,
        lambdaError(404, "ResourceNotFoundException", "Callback not found"),
      ),
    );

    const { code, stderr } = await run(["callback", "succeed", "cb-unknown", "--result", "1"]);

    expect(code).toBe(1);
    expect(stderr).toBe(
      `[durable] Failed to complete the callback: no callback "cb-unknown" is waiting in us-east-1 at ${fake.url}; it may have completed or timed out (ResourceNotFoundException: Callback not found).\n`,
    );
  });

  it("shows the service's message for a callback that already timed out", async () => {
    fake.use(
      route(
        `POST ${CALLBACKS}/heartbeat`,
        lambdaError(400, "CallbackTimeoutException", "Callback timed out."),
      ),
    );

    const { code, stderr } = await run(["callback", "heartbeat", ID]);

    expect(code).toBe(1);
    expect(stderr).toBe(
      "[durable] Failed to send the heartbeat: the service rejected the request: Callback timed out. (CallbackTimeoutException).\n",
    );
  });
});
