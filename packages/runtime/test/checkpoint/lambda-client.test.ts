import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import {
  DurableExecutionApiClient,
  lambdaDurableExecutionClient,
} from "../../src/checkpoint/lambda-client.js";

/** A stand-in Lambda endpoint on loopback that records what it is sent. */
async function fakeLambda(
  respond: (
    request: IncomingMessage,
    body: string,
  ) => { status: number; body: unknown; headers?: Record<string, string> },
) {
  const seen: { method?: string; url?: string; body: string }[] = [];
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      seen.push({ method: request.method, url: request.url, body });
      const answer = respond(request, body);
      response.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
      response.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { server, seen, endpoint: `http://127.0.0.1:${port}` };
}

const servers: { close(): void }[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

const credentials = { accessKeyId: "test", secretAccessKey: "test" };

describe("lambdaDurableExecutionClient", () => {
  it("sends CheckpointDurableExecution to the Lambda REST path with the token and updates", async () => {
    const lambda = await fakeLambda(() => ({ status: 200, body: { CheckpointToken: "next" } }));
    servers.push(lambda.server);
    const client = lambdaDurableExecutionClient({
      config: { endpoint: lambda.endpoint, region: "us-east-1", credentials },
    });

    const response = await client.checkpoint({
      DurableExecutionArn:
        "arn:aws:lambda:us-east-1:123456789012:function:f:$LATEST/durable-execution/n/id",
      CheckpointToken: "t0",
      Updates: [{ Id: "c4ca4238a0b92382", Type: "STEP", SubType: "Step", Action: "START" }],
    });

    expect(response.CheckpointToken).toBe("next");
    expect(lambda.seen[0]?.method).toBe("POST");
    expect(decodeURIComponent(lambda.seen[0]?.url ?? "")).toBe(
      "/2025-12-01/durable-executions/arn:aws:lambda:us-east-1:123456789012:function:f:$LATEST/durable-execution/n/id/checkpoint",
    );
    expect(JSON.parse(lambda.seen[0]?.body ?? "{}")).toMatchObject({
      CheckpointToken: "t0",
      Updates: [{ Id: "c4ca4238a0b92382", Type: "STEP", Action: "START" }],
    });
  });

  it("raises the service's typed exception for an error response", async () => {
    const lambda = await fakeLambda(() => ({
      status: 400,
      headers: { "x-amzn-errortype": "InvalidParameterValueException" },
      body: { Type: "User", message: "Invalid checkpoint token" },
    }));
    servers.push(lambda.server);
    const client = lambdaDurableExecutionClient({
      config: { endpoint: lambda.endpoint, region: "us-east-1", credentials, maxAttempts: 1 },
    });

    await expect(
      client.getExecutionState({
        DurableExecutionArn: "arn:x",
        CheckpointToken: "t0",
        MaxItems: 1000,
      }),
    ).rejects.toMatchObject({
      name: "InvalidParameterValueException",
      $metadata: { httpStatusCode: 400 },
    });
  });
});

describe("DurableExecutionApiClient", () => {
  it("sends both calls through the LambdaClient it is built with", async () => {
    const lambda = await fakeLambda(() => ({ status: 200, body: { Operations: [] } }));
    servers.push(lambda.server);
    const { LambdaClient } = await import("@aws-sdk/client-lambda");
    const client = new DurableExecutionApiClient(
      new LambdaClient({ endpoint: lambda.endpoint, region: "us-east-1", credentials }),
    );

    await expect(
      client.getExecutionState({ DurableExecutionArn: "arn:x", CheckpointToken: "t0" }),
    ).resolves.toMatchObject({ Operations: [] });
    expect(decodeURIComponent(lambda.seen[0]?.url ?? "")).toMatch(
      /^\/2025-12-01\/durable-executions\/arn:x\/state/,
    );
  });
});
