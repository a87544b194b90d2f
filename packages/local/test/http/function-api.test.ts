import {
  CreateAliasCommand,
  CreateFunctionCommand,
  type CreateFunctionCommandInput,
  DeleteAliasCommand,
  DeleteFunctionCommand,
  GetAliasCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  InvalidParameterValueException,
  type LambdaClient,
  ListAliasesCommand,
  ListFunctionsCommand,
  ListTagsCommand,
  ListVersionsByFunctionCommand,
  PublishVersionCommand,
  paginateListFunctions,
  ResourceConflictException,
  ResourceNotFoundException,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
} from "@aws-sdk/client-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalServer, startLocalServer } from "../../src/index.js";
import { clientFor, rawRequest, tempDataDir } from "./helpers.js";
import { handlerZip } from "./zip-files.js";

const ROLE = "arn:aws:iam::123456789012:role/test";
const ARN = "arn:aws:lambda:us-east-1:123456789012:function";

let server: LocalServer;
let client: LambdaClient;

function create(name: string, extra: Partial<CreateFunctionCommandInput> = {}) {
  return client.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Role: ROLE,
      Handler: "index.handler",
      Code: { ZipFile: handlerZip(`return ${JSON.stringify(name)};`) },
      DurableConfig: { ExecutionTimeout: 3600 },
      ...extra,
    }),
  );
}

/** Publishes `count` versions, each with different code. */
async function publish(name: string, count: number): Promise<void> {
  for (let i = 1; i <= count; i++) {
    await client.send(
      new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: handlerZip(`return ${i};`) }),
    );
    await client.send(new PublishVersionCommand({ FunctionName: name }));
  }
}

beforeAll(async () => {
  server = await startLocalServer({ port: 0, dataDir: tempDataDir() });
  client = clientFor(server);
});

afterAll(async () => {
  client?.destroy();
  await server?.close();
});

describe("ListFunctions", () => {
  it("lists every function by name, page by page with Marker and MaxItems", async () => {
    for (const name of ["list-c", "list-a", "list-b"]) await create(name);
    const first = await client.send(new ListFunctionsCommand({ MaxItems: 2 }));
    expect(first.Functions?.map((fn) => fn.FunctionName)).toEqual(["list-a", "list-b"]);
    expect(first.NextMarker).toEqual(expect.any(String));
    const second = await client.send(
      new ListFunctionsCommand({ MaxItems: 2, Marker: first.NextMarker }),
    );
    expect(second.Functions?.map((fn) => fn.FunctionName)).toEqual(["list-c"]);
    expect(second.NextMarker).toBeUndefined();

    const all: string[] = [];
    for await (const page of paginateListFunctions({ client, pageSize: 1 }, {})) {
      all.push(...(page.Functions ?? []).map((fn) => fn.FunctionName!));
    }
    expect(all.filter((name) => name.startsWith("list-"))).toEqual(["list-a", "list-b", "list-c"]);
  });

  it("lists every published version too with FunctionVersion ALL", async () => {
    await create("list-versions");
    await publish("list-versions", 2);
    const { Functions = [] } = await client.send(
      new ListFunctionsCommand({ FunctionVersion: "ALL", MaxItems: 1000 }),
    );
    expect(
      Functions.filter((fn) => fn.FunctionName === "list-versions").map((fn) => fn.Version),
    ).toEqual(["$LATEST", "1", "2"]);
  });

  it("refuses a bad MaxItems, Marker or FunctionVersion, naming what is allowed", async () => {
    const tooMany = await client.send(new ListFunctionsCommand({ MaxItems: 0 })).catch((e) => e);
    expect(tooMany).toBeInstanceOf(InvalidParameterValueException);
    expect(tooMany.message).toBe("MaxItems must be an integer from 1 to 10000, got 0.");
    const marker = await client
      .send(new ListFunctionsCommand({ Marker: "not-a-marker" }))
      .catch((e) => e);
    expect(marker.message).toBe(
      'Invalid Marker "not-a-marker": it is not a NextMarker this listing returned. Pass the NextMarker of the previous response unchanged.',
    );
    const version = await client
      .send(new ListFunctionsCommand({ FunctionVersion: "1" as "ALL" }))
      .catch((e) => e);
    expect(version.message).toBe(
      'FunctionVersion must be ALL (to list every published version too), got "1".',
    );
  });
});

describe("GetFunction and GetFunctionConfiguration", () => {
  it("answers the configuration of $LATEST, a version or an alias, with the tags", async () => {
    await create("get-me", { Tags: { team: "payments" }, Timeout: 30 });
    await publish("get-me", 1);
    await client.send(
      new CreateAliasCommand({ FunctionName: "get-me", Name: "live", FunctionVersion: "1" }),
    );
    const latest = await client.send(new GetFunctionCommand({ FunctionName: "get-me" }));
    expect(latest.Configuration).toMatchObject({
      FunctionName: "get-me",
      FunctionArn: `${ARN}:get-me`,
      Version: "$LATEST",
      Timeout: 30,
      DurableConfig: { ExecutionTimeout: 3600, RetentionPeriodInDays: 14 },
    });
    expect(latest.Tags).toEqual({ team: "payments" });
    const viaAlias = await client.send(
      new GetFunctionConfigurationCommand({ FunctionName: "get-me", Qualifier: "live" }),
    );
    expect(viaAlias).toMatchObject({ FunctionArn: `${ARN}:get-me:1`, Version: "1" });
    const viaName = await client.send(
      new GetFunctionConfigurationCommand({ FunctionName: "get-me:1" }),
    );
    expect(viaName.CodeSha256).toBe(viaAlias.CodeSha256);
  });
});

describe("UpdateFunctionConfiguration", () => {
  it("replaces DurableConfig, accepting a KMS key, and keeps published versions as they were", async () => {
    await create("configure");
    await publish("configure", 1);
    const kms = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    const updated = await client.send(
      new UpdateFunctionConfigurationCommand({
        FunctionName: "configure",
        Timeout: 60,
        DurableConfig: { ExecutionTimeout: 600, RetentionPeriodInDays: 3, KMSKeyArn: kms },
      }),
    );
    expect(updated).toMatchObject({
      Timeout: 60,
      DurableConfig: { ExecutionTimeout: 600, RetentionPeriodInDays: 3, KMSKeyArn: kms },
    });
    const one = await client.send(
      new GetFunctionConfigurationCommand({ FunctionName: "configure", Qualifier: "1" }),
    );
    expect(one.DurableConfig).toEqual({ ExecutionTimeout: 3600, RetentionPeriodInDays: 14 });
  });

  it("requires ExecutionTimeout in DurableConfig, as Lambda does", async () => {
    await create("needs-timeout");
    const error = await client
      .send(
        new UpdateFunctionConfigurationCommand({
          FunctionName: "needs-timeout",
          DurableConfig: { RetentionPeriodInDays: 3 },
        }),
      )
      .catch((e) => e);
    expect(error).toBeInstanceOf(InvalidParameterValueException);
    expect(error.message).toBe(
      "DurableConfig.ExecutionTimeout is required: whole seconds from 1 to 31622400 (366 days) that an execution may run, got undefined.",
    );
    const atCreate = await create("no-timeout", { DurableConfig: {} }).catch((e) => e);
    expect(atCreate.message).toContain("DurableConfig.ExecutionTimeout is required");
    const kms = await client
      .send(
        new UpdateFunctionConfigurationCommand({
          FunctionName: "needs-timeout",
          DurableConfig: { ExecutionTimeout: 60, KMSKeyArn: "my-key" },
        }),
      )
      .catch((e) => e);
    expect(kms.message).toBe(
      'DurableConfig.KMSKeyArn must be a KMS key ARN such as arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab, got "my-key".',
    );
  });

  it("refuses to make a plain function durable", async () => {
    await create("plain", { DurableConfig: undefined });
    const error = await client
      .send(
        new UpdateFunctionConfigurationCommand({
          FunctionName: "plain",
          DurableConfig: { ExecutionTimeout: 60 },
        }),
      )
      .catch((e) => e);
    expect(error.message).toBe(
      "plain is not a durable function, and durability can only be chosen when a function is created (CreateFunction with DurableConfig). Create a new function to make it durable.",
    );
  });
});

describe("ListVersionsByFunction", () => {
  it("lists $LATEST and the versions in order, page by page", async () => {
    await create("versions");
    await publish("versions", 3);
    const first = await client.send(
      new ListVersionsByFunctionCommand({ FunctionName: "versions", MaxItems: 3 }),
    );
    expect(first.Versions?.map((v) => v.Version)).toEqual(["$LATEST", "1", "2"]);
    const rest = await client.send(
      new ListVersionsByFunctionCommand({
        FunctionName: "versions",
        MaxItems: 3,
        Marker: first.NextMarker,
      }),
    );
    expect(rest.Versions?.map((v) => v.FunctionArn)).toEqual([`${ARN}:versions:3`]);
    expect(rest.NextMarker).toBeUndefined();
  });
});

describe("aliases", () => {
  it("lists, filters, gets and deletes aliases", async () => {
    await create("aliased");
    await publish("aliased", 2);
    for (const [name, version] of [
      ["live", "2"],
      ["beta", "2"],
      ["old", "1"],
    ] as const) {
      await client.send(
        new CreateAliasCommand({ FunctionName: "aliased", Name: name, FunctionVersion: version }),
      );
    }
    const all = await client.send(new ListAliasesCommand({ FunctionName: "aliased" }));
    expect(all.Aliases?.map((alias) => alias.Name)).toEqual(["beta", "live", "old"]);
    const onTwo = await client.send(
      new ListAliasesCommand({ FunctionName: "aliased", FunctionVersion: "2", MaxItems: 1 }),
    );
    expect(onTwo.Aliases).toEqual([
      expect.objectContaining({ Name: "beta", AliasArn: `${ARN}:aliased:beta` }),
    ]);
    expect(onTwo.NextMarker).toEqual(expect.any(String));

    await client.send(new DeleteAliasCommand({ FunctionName: "aliased", Name: "old" }));
    const gone = await client
      .send(new GetAliasCommand({ FunctionName: "aliased", Name: "old" }))
      .catch((e) => e);
    expect(gone).toBeInstanceOf(ResourceNotFoundException);
    expect(gone.message).toBe(`Alias not found: ${ARN}:aliased:old. Create it with CreateAlias.`);
  });
});

describe("tags", () => {
  it("adds, lists and removes the tags of a function", async () => {
    await create("tagged", { Tags: { team: "a" } });
    const resource = `${ARN}:tagged`;
    await client.send(
      new TagResourceCommand({ Resource: resource, Tags: { team: "b", cost: "42" } }),
    );
    expect((await client.send(new ListTagsCommand({ Resource: resource }))).Tags).toEqual({
      team: "b",
      cost: "42",
    });
    await client.send(new UntagResourceCommand({ Resource: resource, TagKeys: ["team"] }));
    expect((await client.send(new ListTagsCommand({ Resource: resource }))).Tags).toEqual({
      cost: "42",
    });
  });

  it("refuses a qualified ARN, a name instead of an ARN, and an aws: key", async () => {
    await create("tag-rules");
    const qualified = await client
      .send(new ListTagsCommand({ Resource: `${ARN}:tag-rules:live` }))
      .catch((e) => e);
    expect(qualified.message).toBe(
      `Tags belong to a whole function, not to version or alias live: pass the unqualified ARN ${ARN}:tag-rules.`,
    );
    const name = await client.send(new ListTagsCommand({ Resource: "tag-rules" })).catch((e) => e);
    expect(name.message).toBe(
      `Resource must be a function ARN such as ${ARN}:my-function, got "tag-rules".`,
    );
    const reserved = await client
      .send(new TagResourceCommand({ Resource: `${ARN}:tag-rules`, Tags: { "aws:x": "1" } }))
      .catch((e) => e);
    expect(reserved.message).toBe(
      'Tag key "aws:x" is not allowed: a key has 1 to 128 characters and does not start with "aws:".',
    );
  });
});

describe("DeleteFunction with a qualifier", () => {
  it("deletes only the version named in the function name or the Qualifier", async () => {
    await create("delete-one");
    await publish("delete-one", 3);
    await client.send(new DeleteFunctionCommand({ FunctionName: "delete-one:2" }));
    await client.send(new DeleteFunctionCommand({ FunctionName: "delete-one", Qualifier: "3" }));
    const { Versions = [] } = await client.send(
      new ListVersionsByFunctionCommand({ FunctionName: "delete-one" }),
    );
    expect(Versions.map((v) => v.Version)).toEqual(["$LATEST", "1"]);
  });

  it("refuses a version an alias points to, an alias, and $LATEST alone", async () => {
    await create("delete-guarded");
    await publish("delete-guarded", 1);
    await client.send(
      new CreateAliasCommand({
        FunctionName: "delete-guarded",
        Name: "live",
        FunctionVersion: "1",
      }),
    );
    const pointed = await client
      .send(new DeleteFunctionCommand({ FunctionName: "delete-guarded:1" }))
      .catch((e) => e);
    expect(pointed).toBeInstanceOf(ResourceConflictException);
    expect(pointed.message).toBe(
      "Unable to delete version 1 of delete-guarded: alias live points to it. Move the alias first.",
    );
    const alias = await client
      .send(new DeleteFunctionCommand({ FunctionName: "delete-guarded", Qualifier: "live" }))
      .catch((e) => e);
    expect(alias.message).toBe(
      "live is an alias of delete-guarded, and DeleteFunction deletes versions. Delete the alias with DeleteAlias.",
    );
    const latest = await client
      .send(new DeleteFunctionCommand({ FunctionName: "delete-guarded:$LATEST" }))
      .catch((e) => e);
    expect(latest.message).toBe(
      "$LATEST of delete-guarded cannot be deleted on its own. Delete the function (no qualifier) to delete every version.",
    );
    const still = await client.send(new GetFunctionCommand({ FunctionName: "delete-guarded:1" }));
    expect(still.Configuration?.Version).toBe("1");
  });
});

describe("an operation the API does not have", () => {
  it("answers 404 UnknownOperationException for a method a path does not take, as Lambda does", async () => {
    const response = await rawRequest(server, {
      method: "PATCH",
      path: "/2015-03-31/functions",
      headers: { host: `127.0.0.1:${server.port}` },
    });
    expect(response.status).toBe(404);
    expect(response.headers["x-amzn-errortype"]).toBe("UnknownOperationException");
    expect(JSON.parse(response.body)).toEqual({
      Type: "User",
      message:
        "No Lambda API operation at PATCH /2015-03-31/functions: that path takes GET or POST.",
    });
  });
});
