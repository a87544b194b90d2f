import {
  CreateAliasCommand,
  CreateFunctionCommand,
  InvalidParameterValueException,
  type LambdaClient,
  ListAliasesCommand,
  ListFunctionsCommand,
  ListVersionsByFunctionCommand,
  PublishVersionCommand,
  ResourceNotFoundException,
  UpdateFunctionCodeCommand,
} from "@aws-sdk/client-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalServer, startLocalServer } from "../../src/http/index.js";
import { clientFor, exampleZip, tempDataDir } from "./helpers.js";

// What the web console reads besides the durable execution API: the function listings (with
// the real client) and the local-only clock endpoint.

let server: LocalServer;
let client: LambdaClient;
let skipIdleServer: LocalServer;

async function clock(target: LocalServer, body?: unknown) {
  const response = await fetch(`${target.url}/-/clock`, {
    method: body === undefined ? "GET" : "POST",
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  const hello = await exampleZip("01-hello-step");
  const wait = await exampleZip("03-wait");
  server = await startLocalServer({ port: 0, dataDir: tempDataDir() });
  skipIdleServer = await startLocalServer({ port: 0, dataDir: tempDataDir(), skipIdle: true });
  client = clientFor(server);
  for (const name of ["b-hello", "a-hello", "c-hello"]) {
    await client.send(
      new CreateFunctionCommand({
        FunctionName: name,
        Role: "arn:aws:iam::123456789012:role/test",
        Code: { ZipFile: hello },
        DurableConfig: { ExecutionTimeout: 3600 },
      }),
    );
  }
  await client.send(new PublishVersionCommand({ FunctionName: "a-hello" }));
  await client.send(new UpdateFunctionCodeCommand({ FunctionName: "a-hello", ZipFile: wait }));
  await client.send(new PublishVersionCommand({ FunctionName: "a-hello" }));
  for (const [alias, version] of [
    ["live", "2"],
    ["beta", "2"],
    ["old", "1"],
  ] as const) {
    await client.send(
      new CreateAliasCommand({ FunctionName: "a-hello", Name: alias, FunctionVersion: version }),
    );
  }
});

afterAll(async () => {
  await server?.close();
  await skipIdleServer?.close();
});

describe("ListFunctions", () => {
  it("lists every function by name, a page at a time", async () => {
    const first = await client.send(new ListFunctionsCommand({ MaxItems: 2 }));
    expect(first.Functions?.map((f) => [f.FunctionName, f.Version])).toEqual([
      ["a-hello", "$LATEST"],
      ["b-hello", "$LATEST"],
    ]);
    expect(first.Functions?.[0]?.DurableConfig).toEqual({
      ExecutionTimeout: 3600,
      RetentionPeriodInDays: 14,
    });
    const second = await client.send(
      new ListFunctionsCommand({ MaxItems: 2, Marker: first.NextMarker }),
    );
    expect(second.Functions?.map((f) => f.FunctionName)).toEqual(["c-hello"]);
    expect(second.NextMarker).toBeUndefined();
  });

  it("refuses a MaxItems out of range and a marker it never gave", async () => {
    const tooFew = client.send(new ListFunctionsCommand({ MaxItems: 0 }));
    await expect(tooFew).rejects.toBeInstanceOf(InvalidParameterValueException);
    await expect(tooFew).rejects.toThrow('MaxItems must be an integer from 1 to 10000, got "0".');
    await expect(client.send(new ListFunctionsCommand({ Marker: "nope" }))).rejects.toThrow(
      'Marker "nope" is not one this listing returned; start again without a Marker.',
    );
  });
});

describe("ListVersionsByFunction", () => {
  it("lists $LATEST, then the published versions in order", async () => {
    const { Versions } = await client.send(
      new ListVersionsByFunctionCommand({ FunctionName: "a-hello" }),
    );
    expect(Versions?.map((v) => [v.Version, v.FunctionArn?.split(":").at(-1)])).toEqual([
      ["$LATEST", "a-hello"],
      ["1", "1"],
      ["2", "2"],
    ]);
  });

  it("answers ResourceNotFoundException for an unknown function", async () => {
    await expect(
      client.send(new ListVersionsByFunctionCommand({ FunctionName: "missing" })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});

describe("ListAliases", () => {
  it("lists the aliases by name, or those of one version", async () => {
    const all = await client.send(new ListAliasesCommand({ FunctionName: "a-hello" }));
    expect(all.Aliases?.map((a) => [a.Name, a.FunctionVersion])).toEqual([
      ["beta", "2"],
      ["live", "2"],
      ["old", "1"],
    ]);
    const paged = await client.send(
      new ListAliasesCommand({ FunctionName: "a-hello", FunctionVersion: "2", MaxItems: 1 }),
    );
    expect(paged.Aliases?.map((a) => a.Name)).toEqual(["beta"]);
    const rest = await client.send(
      new ListAliasesCommand({
        FunctionName: "a-hello",
        FunctionVersion: "2",
        Marker: paged.NextMarker,
      }),
    );
    expect(rest.Aliases?.map((a) => a.Name)).toEqual(["live"]);
  });
});

describe("the local clock endpoint", () => {
  it("shows the clock and refuses to move one that follows the wall clock", async () => {
    const state = await clock(server);
    expect(state.status).toBe(200);
    expect(state.json).toMatchObject({ Speed: 1, SkipIdle: false, Movable: false });
    expect(state.json.Now).toBeTypeOf("number");
    expect(await clock(server, { AdvanceSeconds: 60 })).toEqual({
      status: 409,
      json: {
        Type: "User",
        message:
          "The clock follows the wall clock; start the server with --skip-idle or --speed N to move it by hand.",
      },
    });
  });

  it("moves a --skip-idle server's clock forward by whole seconds", async () => {
    const before = (await clock(skipIdleServer)).json.Now as number;
    const moved = await clock(skipIdleServer, { AdvanceSeconds: 86_400 });
    expect(moved.status).toBe(200);
    expect(moved.json.Movable).toBe(true);
    expect(moved.json.Now as number).toBeGreaterThanOrEqual(before + 86_400);
    expect(skipIdleServer.lambda.clock.now().getTime() / 1000).toBeGreaterThanOrEqual(
      before + 86_400,
    );
  });

  it("refuses a move it cannot make, saying what it takes", async () => {
    expect(await clock(skipIdleServer, { AdvanceSeconds: -5 })).toEqual({
      status: 400,
      json: {
        Type: "User",
        message:
          'Send {"AdvanceSeconds": <whole seconds from 1 to 31622400>} or {"ToNextTimer": true}, got AdvanceSeconds -5 and ToNextTimer undefined.',
      },
    });
    expect(await clock(skipIdleServer, { ToNextTimer: true })).toEqual({
      status: 409,
      json: { Type: "User", message: "No timer is pending: nothing to move the clock to." },
    });
  });
});
