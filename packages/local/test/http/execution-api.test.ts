import {
  CreateAliasCommand,
  CreateFunctionCommand,
  type CreateFunctionCommandInput,
  DeleteFunctionCommand,
  type Event,
  GetDurableExecutionCommand,
  GetDurableExecutionHistoryCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  LambdaClient,
  ListDurableExecutionsByFunctionCommand,
  ListFunctionsCommand,
  ListTagsCommand,
  PublishVersionCommand,
  ResourceNotFoundException,
  StopDurableExecutionCommand,
  UpdateFunctionConfigurationCommand,
} from "@aws-sdk/client-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalServer, startLocalServer } from "../../src/index.js";
import { clientFor, eventually, exampleZip, fixtureZip, tempDataDir } from "./helpers.js";
import { handlerZip } from "./zip-files.js";

const CLAIM = {
  claimId: "exp-1",
  employee: "ada@example.com",
  amountCents: 1200,
  description: "Train tickets",
  approver: "grace@example.com",
};

const ORDER = {
  orderId: "order-7001",
  customerId: "cus-42",
  region: "WA",
  paymentMethod: "card-4242",
  lines: [{ sku: "kettle", priceCents: 3999, quantity: 1 }],
};

let server: LocalServer;
let client: LambdaClient;

async function deploy(
  name: string,
  zip: Buffer,
  extra: Partial<CreateFunctionCommandInput> = {},
): Promise<void> {
  await client.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Role: "arn:aws:iam::123456789012:role/test",
      Handler: "index.handler",
      Code: { ZipFile: zip },
      DurableConfig: { ExecutionTimeout: 31_622_400 },
      ...extra,
    }),
  );
  await client.send(new PublishVersionCommand({ FunctionName: name }));
  await client.send(
    new CreateAliasCommand({ FunctionName: name, Name: "live", FunctionVersion: "1" }),
  );
}

async function history(arn: string): Promise<Event[]> {
  const { Events = [] } = await client.send(
    new GetDurableExecutionHistoryCommand({ DurableExecutionArn: arn, MaxItems: 1000 }),
  );
  return Events;
}

function ended(arn: string) {
  return eventually(`${arn} to end`, async () => {
    const execution = await client.send(
      new GetDurableExecutionCommand({ DurableExecutionArn: arn }),
    );
    return execution.Status === "RUNNING" ? undefined : execution;
  });
}

beforeAll(async () => {
  server = await startLocalServer({ port: 0, dataDir: tempDataDir() });
  client = clientFor(server);
});

afterAll(async () => {
  client?.destroy();
  await server?.close();
});

describe("a function's Timeout", () => {
  it("ends a call that runs past it with Sandbox.Timedout, as Lambda does", async () => {
    await deploy("slow", handlerZip("await new Promise(() => {});"), {
      Timeout: 1,
      DurableConfig: undefined,
    });
    const result = await client.send(new InvokeCommand({ FunctionName: "slow" }));
    expect(result.FunctionError).toBe("Unhandled");
    const error = JSON.parse(Buffer.from(result.Payload!).toString());
    expect(error.errorType).toBe("Sandbox.Timedout");
    expect(error.errorMessage).toMatch(
      /^RequestId: \S+ Error: Task timed out after 1\.00 seconds$/,
    );
  });

  it("ends each invocation of a durable execution that runs past it, which is then retried", async () => {
    await deploy("stuck", await fixtureZip("stuck-step"), { Timeout: 1 });
    const { DurableExecutionArn: arn } = await client.send(
      new InvokeCommand({ FunctionName: "stuck:live", InvocationType: "Event" }),
    );
    const timedOut = await eventually("an invocation to time out", async () =>
      (await history(arn!)).find((event) => event.EventType === "InvocationCompleted"),
    );
    expect(timedOut.InvocationCompletedDetails?.Error?.Payload).toMatchObject({
      ErrorType: "Sandbox.Timedout",
      ErrorMessage: expect.stringMatching(/Task timed out after 1\.00 seconds$/),
    });
    await client.send(new StopDurableExecutionCommand({ DurableExecutionArn: arn }));
  });
});

describe("retention", () => {
  it("removes an ended execution once RetentionPeriodInDays has passed", async () => {
    await deploy("brief", await exampleZip("01-hello-step"), {
      DurableConfig: { ExecutionTimeout: 60, RetentionPeriodInDays: 1 },
    });
    const { DurableExecutionArn: arn } = await client.send(
      new InvokeCommand({ FunctionName: "brief:live", Payload: Buffer.from('{"name":"Ada"}') }),
    );
    expect((await ended(arn!)).Status).toBe("SUCCEEDED");

    server.lambda.clock.skipTo(new Date(server.lambda.clock.now().getTime() + 86_400_000 + 1000));
    const gone = await client
      .send(new GetDurableExecutionCommand({ DurableExecutionArn: arn }))
      .catch((e) => e);
    expect(gone).toBeInstanceOf(ResourceNotFoundException);
    const { DurableExecutions = [] } = await client.send(
      new ListDurableExecutionsByFunctionCommand({ FunctionName: "brief" }),
    );
    expect(DurableExecutions).toEqual([]);
  });
});

describe("chained invokes", () => {
  it("run the version the qualifier names, not $LATEST", async () => {
    const zip = await exampleZip("07-invoke");
    await deploy("order", zip);
    await deploy("payments", zip, { Handler: "index.paymentsHandler" });
    await deploy("tax-calculator", zip, { Handler: "index.taxHandler", DurableConfig: undefined });
    // $LATEST of payments can no longer run: only version 1 (the alias live) can.
    await client.send(
      new UpdateFunctionConfigurationCommand({ FunctionName: "payments", Handler: "index.gone" }),
    );

    const result = await client.send(
      new InvokeCommand({
        FunctionName: "order:live",
        Payload: Buffer.from(JSON.stringify(ORDER)),
      }),
    );
    expect(JSON.parse(Buffer.from(result.Payload!).toString())).toMatchObject({
      status: "confirmed",
    });
    const started = (await history(result.DurableExecutionArn!))
      .filter((event) => event.EventType === "ChainedInvokeStarted")
      .map((event) => event.ChainedInvokeStartedDetails);
    expect(started.map((details) => [details?.FunctionName, details?.ExecutedVersion])).toEqual([
      ["tax-calculator", "$LATEST"],
      ["payments:live", "1"],
    ]);
    const child = await client.send(
      new GetDurableExecutionCommand({ DurableExecutionArn: started[1]?.DurableExecutionArn }),
    );
    expect(child.Version).toBe("1");
  });

  it("refuse an unqualified durable target, as Lambda does", async () => {
    const other = await startLocalServer({ port: 0, dataDir: tempDataDir() });
    const otherClient = clientFor(other);
    try {
      const zip = await exampleZip("07-invoke");
      for (const [name, handler] of [
        ["order", "index.handler"],
        ["payments", "index.paymentsHandler"],
        ["tax-calculator", "index.taxHandler"], // durable here, and called without a qualifier
      ] as const) {
        await otherClient.send(
          new CreateFunctionCommand({
            FunctionName: name,
            Role: "arn:aws:iam::123456789012:role/test",
            Handler: handler,
            Code: { ZipFile: zip },
            DurableConfig: { ExecutionTimeout: 60 },
          }),
        );
      }
      const result = await otherClient.send(
        new InvokeCommand({ FunctionName: "order", Payload: Buffer.from(JSON.stringify(ORDER)) }),
      );
      expect(result.FunctionError).toBe("Unhandled");
      const { Events = [] } = await otherClient.send(
        new GetDurableExecutionHistoryCommand({ DurableExecutionArn: result.DurableExecutionArn }),
      );
      const failed = Events.find((event) => event.EventType === "ChainedInvokeFailed");
      expect(failed?.ChainedInvokeFailedDetails?.Error?.Payload).toEqual({
        ErrorType: "InvalidParameterValueException",
        ErrorMessage:
          "tax-calculator is a durable function, and a durable function can only be invoked by a qualified name: a version or an alias (tax-calculator:1, tax-calculator:live, or tax-calculator:$LATEST).",
      });
    } finally {
      otherClient.destroy();
      await other.close();
    }
  });
});

describe("DeleteFunction of one version", () => {
  it("stops the executions running on that version only", async () => {
    const zip = await exampleZip("04-human-approval");
    await deploy("claims", zip);
    const start = async (qualifier: string) =>
      (
        await client.send(
          new InvokeCommand({
            FunctionName: "claims",
            Qualifier: qualifier,
            InvocationType: "Event",
            Payload: Buffer.from(JSON.stringify(CLAIM)),
          }),
        )
      ).DurableExecutionArn!;
    // Version 2: the same code with another description.
    await client.send(
      new UpdateFunctionConfigurationCommand({ FunctionName: "claims", Description: "two" }),
    );
    await client.send(new PublishVersionCommand({ FunctionName: "claims" }));
    const onOne = await start("1");
    const onTwo = await start("2");

    await client.send(new DeleteFunctionCommand({ FunctionName: "claims:2" }));
    const stopped = await client.send(
      new GetDurableExecutionCommand({ DurableExecutionArn: onTwo }),
    );
    expect(stopped).toMatchObject({
      Status: "STOPPED",
      Error: {
        ErrorType: "FunctionDeleted",
        ErrorMessage: "Function claims:2 was deleted while this execution was running.",
      },
    });
    const running = await client.send(
      new GetDurableExecutionCommand({ DurableExecutionArn: onOne }),
    );
    expect(running.Status).toBe("RUNNING");
    await client.send(new StopDurableExecutionCommand({ DurableExecutionArn: onOne }));
  });
});

describe("a toolkit's durable functions view, with a plain Lambda client", () => {
  it("lists functions, reads configuration and tags, browses executions, invokes and stops", async () => {
    await deploy("approvals", await exampleZip("04-human-approval"), { Tags: { app: "expenses" } });
    // What an IDE toolkit does, through AWS_ENDPOINT_URL_LAMBDA and no other setup.
    const toolkit = new LambdaClient({
      endpoint: server.url,
      region: "us-east-1",
      credentials: { accessKeyId: "any", secretAccessKey: "any" },
    });
    try {
      const { Functions = [] } = await toolkit.send(new ListFunctionsCommand({}));
      const durable = Functions.filter((fn) => fn.DurableConfig !== undefined);
      expect(durable.map((fn) => fn.FunctionName)).toContain("approvals");
      const configuration = await toolkit.send(
        new GetFunctionConfigurationCommand({ FunctionName: "approvals", Qualifier: "live" }),
      );
      expect(configuration.DurableConfig?.ExecutionTimeout).toBe(31_622_400);
      const { Tags } = await toolkit.send(
        new ListTagsCommand({
          Resource: durable.find((fn) => fn.FunctionName === "approvals")!.FunctionArn,
        }),
      );
      expect(Tags).toEqual({ app: "expenses" });

      const invoked = await toolkit.send(
        new InvokeCommand({
          FunctionName: "approvals",
          Qualifier: "live",
          InvocationType: "Event",
          Payload: Buffer.from(JSON.stringify(CLAIM)),
        }),
      );
      expect(invoked.StatusCode).toBe(202);
      const { DurableExecutions = [] } = await toolkit.send(
        new ListDurableExecutionsByFunctionCommand({
          FunctionName: "approvals",
          Qualifier: "live",
        }),
      );
      expect(DurableExecutions.map((execution) => execution.DurableExecutionArn)).toEqual([
        invoked.DurableExecutionArn,
      ]);
      const execution = await toolkit.send(
        new GetDurableExecutionCommand({ DurableExecutionArn: invoked.DurableExecutionArn }),
      );
      expect(execution).toMatchObject({ Status: "RUNNING", Version: "1" });
      await eventually("the callback to start", async () =>
        (await history(invoked.DurableExecutionArn!)).some(
          (event) => event.EventType === "CallbackStarted",
        )
          ? true
          : undefined,
      );
      const { Events = [] } = await toolkit.send(
        new GetDurableExecutionHistoryCommand({ DurableExecutionArn: invoked.DurableExecutionArn }),
      );
      expect(Events[0]?.EventType).toBe("ExecutionStarted");

      const { StopTimestamp } = await toolkit.send(
        new StopDurableExecutionCommand({ DurableExecutionArn: invoked.DurableExecutionArn }),
      );
      expect(StopTimestamp).toBeInstanceOf(Date);
      expect(
        (
          await toolkit.send(
            new GetDurableExecutionCommand({ DurableExecutionArn: invoked.DurableExecutionArn }),
          )
        ).Status,
      ).toBe("STOPPED");
    } finally {
      toolkit.destroy();
    }
  });
});
