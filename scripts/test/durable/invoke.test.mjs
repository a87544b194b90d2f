import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../../durable.mjs";
import { lambdaError, route, runDurable, startFakeLambda } from "./helpers/fake-lambda.mjs";

const INVOKE = "POST /2015-03-31/functions/{FunctionName}/invocations";
const ARN =
  "arn:aws:lambda:us-east-1:123456789012:function:orders:3/durable-execution/order-1/0e5c9a1b";

/** An Invoke answer as Lambda gives it: the execution ARN and version in headers, the result as the body. */
const invoked = (status, body, headers = {}) => ({
  status,
  headers: {
    "X-Amz-Durable-Execution-Arn": ARN,
    "X-Amz-Executed-Version": "3",
    ...headers,
  },
  body,
});

describe("durable invoke", () => {
  let fake;
  const run = (argv, io) => runDurable(main, [...argv, "--endpoint", fake.url], io);
  beforeEach(async () => {
    fake = await startFakeLambda([route(INVOKE, invoked(200, '{"orderId":"o-1","charged":true}'))]);
  });
  afterEach(async () => {
    expect(fake.unhandled).toEqual([]);
    await fake.close();
  });

  it("invokes synchronously with the execution name and payload, and prints the ARN and result", async () => {
    const { code, stdout, stderr } = await run([
      "invoke",
      "orders",
      "--qualifier",
      "live",
      "--name",
      "order-1",
      "--payload",
      '{"orderId":"o-1"}',
    ]);

    expect(code).toBe(0);
    const [request] = fake.requests;
    expect(request.method).toBe("POST");
    expect(request.path).toBe("/2015-03-31/functions/orders/invocations");
    expect(request.query).toEqual({ Qualifier: "live" });
    expect(request.headers["x-amz-invocation-type"]).toBe("RequestResponse");
    expect(request.headers["x-amz-durable-execution-name"]).toBe("order-1");
    expect(request.body).toBe('{"orderId":"o-1"}');
    expect(stdout).toBe(
      `execution  ${ARN}\nversion    3\nresult     {"orderId":"o-1","charged":true}\n`,
    );
    expect(stderr).toBe(
      '[durable] invoking orders:live (RequestResponse) as execution "order-1"; waiting for the execution to finish\n',
    );
  });

  it("invokes asynchronously with --async and prints only the ARN", async () => {
    fake.use(route(INVOKE, invoked(202, "")));

    const { code, stdout } = await run(["invoke", "orders:live", "--async"]);

    expect(code).toBe(0);
    const [request] = fake.requests;
    expect(request.headers["x-amz-invocation-type"]).toBe("Event");
    expect(request.headers["x-amz-durable-execution-name"]).toBeUndefined();
    expect(request.body).toBe("");
    expect(stdout).toBe(`execution  ${ARN}\nversion    3\n`);
  });

  it("reads the payload from --payload-file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "durable-invoke-"));
    writeFileSync(join(dir, "input.json"), '{ "orderId": "o-2" }\n');

    const { code } = await run(["invoke", "orders", "--payload-file", join(dir, "input.json")]);

    expect(code).toBe(0);
    expect(fake.requests[0].body).toBe('{ "orderId": "o-2" }\n');
  });

  it("prints the response as JSON with --json", async () => {
    const { code, stdout } = await run(["invoke", "orders", "--json"]);

    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      DurableExecutionArn: ARN,
      StatusCode: 200,
      ExecutedVersion: "3",
      Result: '{"orderId":"o-1","charged":true}',
    });
  });

  it("fails with exit code 1 when the function returns an error", async () => {
    fake.use(
      route(
        INVOKE,
        invoked(200, '{"errorType":"StepError","errorMessage":"card declined"}', {
          "X-Amz-Function-Error": "Unhandled",
        }),
      ),
    );

    const { code, stdout, stderr } = await run(["invoke", "orders"]);

    expect(code).toBe(1);
    expect(stdout).toContain('result     {"errorType":"StepError","errorMessage":"card declined"}');
    expect(stderr).toContain(
      '[durable] orders failed (Unhandled): {"errorType":"StepError","errorMessage":"card declined"}',
    );
  });

  it("says when the response carries no durable execution ARN", async () => {
    fake.use(route(INVOKE, { status: 200, body: "null" }));

    const { code, stderr } = await run(["invoke", "plain-function"]);

    expect(code).toBe(0);
    expect(stderr).toContain(
      "[durable] the response has no durable execution ARN (X-Amz-Durable-Execution-Arn): is plain-function a durable function?",
    );
  });

  it("names the function and qualifier when there is no such function", async () => {
    fake.use(
      route(
        INVOKE,
        lambdaError(
          404,
          "ResourceNotFoundException",
          "Function not found: arn:aws:lambda:us-east-1:123456789012:function:ordres:live",
        ),
      ),
    );

    const { code, stderr } = await run(["invoke", "ordres", "--qualifier", "live"]);

    expect(code).toBe(1);
    expect(stderr).toContain(
      `[durable] Failed to invoke ordres:live: no function named "ordres" with version or alias "live" in us-east-1 at ${fake.url} (ResourceNotFoundException: Function not found: arn:aws:lambda:us-east-1:123456789012:function:ordres:live).`,
    );
  });

  it("explains a name already used with a different payload", async () => {
    fake.use(
      route(
        INVOKE,
        lambdaError(
          409,
          "DurableExecutionAlreadyStartedException",
          "Execution order-1 already exists.",
        ),
      ),
    );

    const { code, stderr } = await run([
      "invoke",
      "orders",
      "--name",
      "order-1",
      "--payload",
      "{}",
    ]);

    expect(code).toBe(1);
    expect(stderr).toContain(
      "[durable] Failed to invoke orders: an execution with this name already exists with a different payload (DurableExecutionAlreadyStartedException: Execution order-1 already exists.). Choose another --name, or send the same payload to get the existing execution.",
    );
  });

  it("shows the service's message when it rejects the request", async () => {
    fake.use(
      route(INVOKE, lambdaError(400, "InvalidParameterValueException", "Payload is too large.")),
    );

    const { code, stderr } = await run(["invoke", "orders:live"]);

    expect(code).toBe(1);
    expect(stderr).toBe(
      "[durable] invoking orders:live (RequestResponse); waiting for the execution to finish\n" +
        "[durable] Failed to invoke orders:live: the service rejected the request: Payload is too large. (InvalidParameterValueException).\n",
    );
  });

  it("suggests --qualifier when an unqualified invoke is rejected", async () => {
    fake.use(
      route(
        INVOKE,
        lambdaError(400, "InvalidParameterValueException", "A qualified function ARN is required."),
      ),
    );

    const { code, stderr } = await run(["invoke", "orders"]);

    expect(code).toBe(1);
    expect(stderr).toContain(
      "[durable] Failed to invoke orders: the service rejected the request: A qualified function ARN is required. (InvalidParameterValueException). Durable functions are invoked by version or alias: pass --qualifier (e.g. --qualifier live, the alias durable deploy creates).",
    );
  });
});
