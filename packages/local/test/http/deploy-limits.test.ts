import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  CodeStorageExceededException,
  CreateFunctionCommand,
  DeleteFunctionCommand,
  InvalidParameterValueException,
  InvokeCommand,
  type LambdaClient,
  PublishVersionCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
} from "@aws-sdk/client-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalServer, startLocalServer } from "../../src/index.js";
import { clientFor, tempDataDir } from "./helpers.js";
import { handlerZip, rawZip, zipBomb } from "./zip-files.js";

const ESCAPE = "__durableLocalEscapedHandlerRuns";
const counter = globalThis as unknown as Record<string, number | undefined>;

let server: LocalServer;
let client: LambdaClient;
let dataDir: string;

function create(name: string, zip: Buffer, handler = "index.handler") {
  return client.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Role: "arn:aws:iam::123456789012:role/test",
      Handler: handler,
      Code: { ZipFile: zip },
    }),
  );
}

beforeAll(async () => {
  dataDir = tempDataDir();
  server = await startLocalServer({
    port: 0,
    dataDir,
    maxUnzippedBytes: 1024 * 1024,
    maxVersions: 2,
  });
  client = clientFor(server);
});

afterAll(async () => {
  client?.destroy();
  await server?.close();
});

describe("deploying a package", () => {
  it.each([
    ["a file and a folder of one name", [{ name: "index.mjs" }, { name: "index.mjs/x.mjs" }]],
    ["an empty entry name", [{ name: "index.mjs" }, { name: "" }]],
    ["a symbolic link", [{ name: "index.mjs", mode: 0o120777, data: "/etc/passwd" }]],
    ["an absolute path", [{ name: "/etc/cron.d/evil" }]],
    ["a .. segment", [{ name: "../evil.mjs" }]],
  ])("answers 400 with the reason for %s, and no server path", async (_, entries) => {
    const error = await create("odd", rawZip(entries)).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidParameterValueException);
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toMatch(/^Could not unzip the uploaded file: /);
    expect(error.message).not.toContain(dataDir);
  });

  it("refuses a zip bomb over the unzipped size limit", async () => {
    const error = await create("bomb", await zipBomb(8)).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidParameterValueException);
    expect(error.message).toBe(
      `Could not unzip the uploaded file: it unpacks to ${8 * 1024 * 1024 + 31} bytes, more than the 1048576 a function's code may take. Upload a .zip of your bundle (for example dist/function.zip from pnpm build).`,
    );
  });

  it("refuses a Handler that leaves the package, at deploy", async () => {
    const outside = "x/../../elsewhere/payload.handler";
    const atCreate = await create("escape", handlerZip("return 1;"), outside).catch((e) => e);
    expect(atCreate).toBeInstanceOf(InvalidParameterValueException);
    expect(atCreate.message).toBe(
      `Handler "${outside}" must name a file inside the package, such as "index.handler" or "lib/app.handler": no "..", "." or empty path segments, no leading "/" and no "\\".`,
    );
    await create("escape", handlerZip("return 1;"));
    const atUpdate = await client
      .send(new UpdateFunctionConfigurationCommand({ FunctionName: "escape", Handler: outside }))
      .catch((e) => e);
    expect(atUpdate.message).toBe(atCreate.message);
  });

  it("refuses a Handler that leaves the package, at run", async () => {
    await create("escape-run", handlerZip("return 1;"));
    // A module where `x/../../elsewhere/payload` leads from the package's folder.
    const elsewhere = join(dataDir, "code", "elsewhere");
    mkdirSync(elsewhere, { recursive: true });
    writeFileSync(
      join(elsewhere, "payload.mjs"),
      `export const handler = () => { globalThis.${ESCAPE} = 1; return "escaped"; };`,
    );
    // As a state file written before the deploy check would hold it.
    server.lambda.functions.record("escape-run").latest.handler =
      "x/../../elsewhere/payload.handler";
    const result = await client.send(new InvokeCommand({ FunctionName: "escape-run" }));
    expect(result.FunctionError).toBe("Unhandled");
    const error = JSON.parse(Buffer.from(result.Payload!).toString());
    expect(error.errorType).toBe("Runtime.ImportModuleError");
    expect(error.errorMessage).toContain(
      'Handler "x/../../elsewhere/payload.handler" must name a file inside the package',
    );
    expect(counter[ESCAPE]).toBeUndefined();
  });

  it("keeps at most the configured number of versions of a function", async () => {
    await create("versioned", handlerZip("return 0;"));
    for (const version of [1, 2]) {
      await client.send(
        new UpdateFunctionCodeCommand({
          FunctionName: "versioned",
          ZipFile: handlerZip(`return ${version};`),
        }),
      );
      await client.send(new PublishVersionCommand({ FunctionName: "versioned" }));
    }
    await client.send(
      new UpdateFunctionCodeCommand({
        FunctionName: "versioned",
        ZipFile: handlerZip("return 3;"),
      }),
    );
    const error = await client
      .send(new PublishVersionCommand({ FunctionName: "versioned" }))
      .catch((e) => e);
    expect(error).toBeInstanceOf(CodeStorageExceededException);
    expect(error.message).toBe(
      "versioned already keeps 2 published versions, the most this server allows (--max-versions). Delete old ones with DeleteFunction and a Qualifier first.",
    );
  });

  it("removes a package from disk once no version uses it", async () => {
    const codeDirs = () => readdirSync(join(dataDir, "code")).filter((d) => d !== "elsewhere");
    const before = codeDirs();
    await create("short-lived", handlerZip("return 'short-lived';"));
    expect(codeDirs()).toHaveLength(before.length + 1);
    await client.send(new DeleteFunctionCommand({ FunctionName: "short-lived" }));
    expect(codeDirs().sort()).toEqual(before.sort());
  });
});
