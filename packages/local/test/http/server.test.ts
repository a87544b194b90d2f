import {
  CreateAliasCommand,
  CreateFunctionCommand,
  DeleteFunctionCommand,
  GetAliasCommand,
  GetDurableExecutionCommand,
  GetDurableExecutionHistoryCommand,
  GetFunctionCommand,
  InvalidParameterValueException,
  InvokeCommand,
  type LambdaClient,
  ListDurableExecutionsByFunctionCommand,
  PublishVersionCommand,
  ResourceConflictException,
  ResourceNotFoundException,
  SendDurableExecutionCallbackSuccessCommand,
  StopDurableExecutionCommand,
  UpdateAliasCommand,
  UpdateFunctionCodeCommand,
  waitUntilFunctionActiveV2,
  waitUntilFunctionUpdatedV2,
} from "@aws-sdk/client-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalServer, startLocalServer } from "../../src/index.js";
import { clientFor, eventually, exampleZip, skipToNextTimer, tempDataDir } from "./helpers.js";

const WAIT_INPUT = { email: "ada@example.com", plan: "pro" };
const CLAIM = {
  claimId: "exp-1",
  employee: "ada@example.com",
  amountCents: 1200,
  description: "Train tickets",
  approver: "grace@example.com",
};

let server: LocalServer;
let client: LambdaClient;
let zips: Record<string, Buffer>;

async function deploy(name: string, zip: Buffer): Promise<string> {
  const created = await client.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Runtime: "nodejs22.x",
      Handler: "index.handler",
      Role: "arn:aws:iam::123456789012:role/test",
      Code: { ZipFile: zip },
      DurableConfig: { ExecutionTimeout: 31_622_400 },
    }),
  );
  await waitUntilFunctionActiveV2({ client, maxWaitTime: 5 }, { FunctionName: name });
  const { Version } = await client.send(
    new PublishVersionCommand({ FunctionName: name, CodeSha256: created.CodeSha256 }),
  );
  await client.send(
    new CreateAliasCommand({ FunctionName: name, Name: "live", FunctionVersion: Version }),
  );
  return Version!;
}

async function status(arn: string): Promise<string | undefined> {
  return (await client.send(new GetDurableExecutionCommand({ DurableExecutionArn: arn }))).Status;
}

async function historyTypes(arn: string): Promise<string[]> {
  const { Events = [] } = await client.send(
    new GetDurableExecutionHistoryCommand({ DurableExecutionArn: arn, MaxItems: 1000 }),
  );
  return Events.map((event) => event.EventType!);
}

function text(payload: Uint8Array | undefined): string {
  return Buffer.from(payload ?? []).toString("utf8");
}

beforeAll(async () => {
  zips = {
    wait: await exampleZip("03-wait"),
    hello: await exampleZip("01-hello-step"),
    approval: await exampleZip("04-human-approval"),
  };
  server = await startLocalServer({ port: 0, dataDir: tempDataDir() });
  client = clientFor(server);
});

afterAll(async () => {
  client?.destroy();
  await server?.close();
});

describe("the local Lambda service", () => {
  it("runs each execution on the version it started on while the alias moves", async () => {
    expect(await deploy("trial", zips.wait!)).toBe("1");
    const first = await client.send(
      new InvokeCommand({
        FunctionName: "trial",
        Qualifier: "live",
        InvocationType: "Event",
        Payload: Buffer.from(JSON.stringify(WAIT_INPUT)),
      }),
    );
    expect(first.StatusCode).toBe(202);
    const waiting = first.DurableExecutionArn!;
    expect(waiting).toContain(":function:trial:1/durable-execution/");
    await eventually("the first wait", async () =>
      (await historyTypes(waiting)).includes("InvocationCompleted") ? true : undefined,
    );

    await client.send(
      new UpdateFunctionCodeCommand({ FunctionName: "trial", ZipFile: zips.hello }),
    );
    await waitUntilFunctionUpdatedV2({ client, maxWaitTime: 5 }, { FunctionName: "trial" });
    const { Version } = await client.send(new PublishVersionCommand({ FunctionName: "trial" }));
    expect(Version).toBe("2");
    await client.send(
      new UpdateAliasCommand({ FunctionName: "trial", Name: "live", FunctionVersion: "2" }),
    );
    expect(
      (await client.send(new GetAliasCommand({ FunctionName: "trial", Name: "live" })))
        .FunctionVersion,
    ).toBe("2");

    const second = await client.send(
      new InvokeCommand({
        FunctionName: "trial",
        Qualifier: "live",
        Payload: Buffer.from('{"name":"World"}'),
        DurableExecutionName: "hello-on-2",
      }),
    );
    expect(second.ExecutedVersion).toBe("2");
    expect(JSON.parse(text(second.Payload))).toEqual({ message: "Hello, World!", words: 2 });

    expect(await status(waiting)).toBe("RUNNING");
    skipToNextTimer(server); // day 3
    await eventually("the second wait", async () =>
      (await historyTypes(waiting)).filter((type) => type === "WaitStarted").length === 2
        ? true
        : undefined,
    );
    skipToNextTimer(server); // day 13
    await eventually("the end", async () =>
      (await status(waiting)) === "SUCCEEDED" ? true : undefined,
    );
    const done = await client.send(
      new GetDurableExecutionCommand({ DurableExecutionArn: waiting }),
    );
    expect(done.Version).toBe("1");
    expect(JSON.parse(done.Result!).sent).toHaveLength(3);
    expect(done.StartTimestamp).toBeInstanceOf(Date);

    const all = await client.send(
      new ListDurableExecutionsByFunctionCommand({ FunctionName: "trial" }),
    );
    expect(all.DurableExecutions?.map((execution) => execution.Status)).toEqual([
      "SUCCEEDED",
      "SUCCEEDED",
    ]);
    const onOne = await client.send(
      new ListDurableExecutionsByFunctionCommand({ FunctionName: "trial", Qualifier: "1" }),
    );
    expect(onOne.DurableExecutions?.map((execution) => execution.DurableExecutionArn)).toEqual([
      waiting,
    ]);
    expect(await historyTypes(waiting)).toEqual([
      "ExecutionStarted",
      "StepStarted",
      "StepSucceeded",
      "WaitStarted",
      "InvocationCompleted",
      "WaitSucceeded",
      "StepStarted",
      "StepSucceeded",
      "WaitStarted",
      "InvocationCompleted",
      "WaitSucceeded",
      "StepStarted",
      "StepSucceeded",
      "InvocationCompleted",
      "ExecutionSucceeded",
    ]);
  });

  it("answers a callback, stops an execution and deletes the function", async () => {
    await deploy("approval", zips.approval!);
    const start = async () =>
      (
        await client.send(
          new InvokeCommand({
            FunctionName: "approval:live",
            InvocationType: "Event",
            Payload: Buffer.from(JSON.stringify(CLAIM)),
          }),
        )
      ).DurableExecutionArn!;
    const approved = await start();
    const callbackId = await eventually("the callback", async () => {
      const { Events = [] } = await client.send(
        new GetDurableExecutionHistoryCommand({ DurableExecutionArn: approved }),
      );
      return Events.find((event) => event.EventType === "CallbackStarted")?.CallbackStartedDetails
        ?.CallbackId;
    });
    await client.send(
      new SendDurableExecutionCallbackSuccessCommand({
        CallbackId: callbackId,
        Result: Buffer.from('{"approvedBy":"grace@example.com"}'),
      }),
    );
    await eventually("approval", async () =>
      (await status(approved)) === "SUCCEEDED" ? true : undefined,
    );
    const result = await client.send(
      new GetDurableExecutionCommand({ DurableExecutionArn: approved }),
    );
    expect(JSON.parse(result.Result!)).toMatchObject({
      status: "approved",
      approvedBy: "grace@example.com",
    });

    const stopped = await start();
    const { StopTimestamp } = await client.send(
      new StopDurableExecutionCommand({
        DurableExecutionArn: stopped,
        Error: { ErrorType: "Cancelled", ErrorMessage: "withdrawn" },
      }),
    );
    expect(StopTimestamp).toBeInstanceOf(Date);
    expect(await status(stopped)).toBe("STOPPED");

    await client.send(new DeleteFunctionCommand({ FunctionName: "approval" }));
    const error = await client
      .send(new GetFunctionCommand({ FunctionName: "approval" }))
      .catch((e) => e);
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error.message).toContain("Function not found");
  });

  it("raises the client's typed exceptions for bad requests", async () => {
    await deploy("typed", zips.hello!);
    const conflict = await client
      .send(new CreateAliasCommand({ FunctionName: "typed", Name: "live", FunctionVersion: "1" }))
      .catch((e) => e);
    expect(conflict).toBeInstanceOf(ResourceConflictException);
    const badVersion = await client
      .send(new CreateAliasCommand({ FunctionName: "typed", Name: "beta", FunctionVersion: "9" }))
      .catch((e) => e);
    expect(badVersion).toBeInstanceOf(InvalidParameterValueException);
    expect(badVersion.message).toBe(
      'FunctionVersion must be a published version of typed (1), got "9".',
    );
    const missing = await client
      .send(new InvokeCommand({ FunctionName: "nope", Qualifier: "live" }))
      .catch((e) => e);
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
  });

  it("accepts a checkpoint carrying a 6 MB result, as the service itself does", async () => {
    const service = server.lambda.service;
    service.registerFunction("large-result");
    const arn = service.startExecution({
      functionName: "large-result",
      input: "{}",
    }).durableExecutionArn;
    const { requestId, event } = service.beginInvocation(arn);
    // 6,000,002 bytes of JSON, every one a quote: escaped twice in the request, about 12 MB.
    const result = JSON.stringify('"'.repeat(3_000_000));
    const execution = event.InitialExecutionState.Operations[0]!;

    const response = await fetch(
      `${server.url}/2025-12-01/durable-executions/${encodeURIComponent(arn)}/checkpoint`,
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          CheckpointToken: event.CheckpointToken,
          Updates: [{ Id: execution.Id, Type: "EXECUTION", Action: "SUCCEED", Payload: result }],
        }),
      },
    );
    expect(response.status).toBe(200);
    service.endInvocation(arn, requestId, {
      kind: "returned",
      output: { Status: "SUCCEEDED", Result: "" },
    });
    expect(service.getExecution({ DurableExecutionArn: arn }).Result).toBe(result);
  });

  it("answers 413 for a body over the limit and 400 for malformed JSON, and keeps serving", async () => {
    const tooLarge = await fetch(`${server.url}/2015-03-31/functions/typed/invocations`, {
      method: "POST",
      body: Buffer.alloc(6 * 1024 * 1024 + 1, 32),
    });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.headers.get("x-amzn-errortype")).toBe("RequestTooLargeException");
    expect(await tooLarge.json()).toEqual({
      Type: "User",
      message: "Request must be smaller than 6291456 bytes for the Invoke operation.",
    });

    const malformed = await fetch(`${server.url}/2015-03-31/functions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{oops",
    });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get("x-amzn-errortype")).toBe("InvalidRequestContentException");

    const unknown = await fetch(`${server.url}/2015-03-31/nothing-here`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({
      Type: "User",
      message:
        "No Lambda API operation at GET /2015-03-31/nothing-here. The local service answers function management, Invoke and the durable execution commands (see packages/local/README.md).",
    });

    const still = await client.send(new GetFunctionCommand({ FunctionName: "typed" }));
    expect(still.Configuration).toMatchObject({ State: "Active", LastUpdateStatus: "Successful" });
  });
});
