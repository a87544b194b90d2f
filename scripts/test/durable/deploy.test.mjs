import { cpSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../../durable.mjs";
import { formatBytes } from "../../lib/bundle-breakdown.mjs";
import { resolveExampleDir } from "../../lib/durable/deploy.mjs";
import { FUNCTION_ARN, lambdaRoutes, ROLE } from "./helpers/fake-functions.mjs";
import { runDurable, startFakeLambda } from "./helpers/fake-lambda.mjs";

const fixture = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "durable-handler");

/** A copy of the fixture example, so the build writes its dist/ somewhere disposable. */
function exampleCopy() {
  const dir = join(mkdtempSync(join(tmpdir(), "durable-deploy-")), "07-greeter");
  cpSync(fixture, dir, { recursive: true, filter: (path) => !path.includes(`${fixture}/dist`) });
  return dir;
}

describe("durable deploy", () => {
  let fake;
  let example;
  const run = (argv, io) => runDurable(main, [...argv, "--endpoint", fake.url], io);
  beforeEach(() => {
    example = exampleCopy();
  });
  afterEach(async () => {
    expect(fake.unhandled).toEqual([]);
    await fake.close();
  });

  it("creates a durable function, waits, publishes version 1 and creates the alias", async () => {
    fake = await startFakeLambda(lambdaRoutes());

    const { code, stdout, stderr } = await run([
      "deploy",
      example,
      "--function",
      "greeter",
      "--role",
      ROLE,
      "--execution-timeout",
      "3600",
      "--yes",
    ]);

    expect(stderr).not.toContain("Failed");
    expect(code).toBe(0);
    expect(fake.calls()).toEqual([
      "GET /2015-03-31/functions/greeter",
      "POST /2015-03-31/functions",
      "GET /2015-03-31/functions/greeter",
      "POST /2015-03-31/functions/greeter/versions",
      "GET /2015-03-31/functions/greeter/configuration",
      "POST /2015-03-31/functions/greeter/aliases",
    ]);
    const create = fake.requests[1].json;
    expect(create).toMatchObject({
      FunctionName: "greeter",
      Runtime: "nodejs22.x",
      Handler: "index.handler",
      Role: ROLE,
      DurableConfig: { ExecutionTimeout: 3600, RetentionPeriodInDays: 14 },
    });
    const zip = readFileSync(join(example, "dist", "function.zip"));
    expect(Buffer.from(create.Code.ZipFile, "base64").equals(zip)).toBe(true);
    expect(fake.requests[3].json).toEqual({ CodeSha256: "c2hhLTI1Ng==" });
    expect(fake.requests[4].query).toEqual({ Qualifier: "1" });
    expect(fake.requests[5].json).toEqual({ Name: "live", FunctionVersion: "1" });
    expect(stdout).toBe(
      `function     greeter\nversion      1\nalias        ${FUNCTION_ARN}:live\nreplay gate  skipped (no alias yet)\n`,
    );
  });

  it("prints the plan before the first change and a line per step", async () => {
    fake = await startFakeLambda(lambdaRoutes());

    const { stderr } = await run([
      "deploy",
      example,
      "--function",
      "greeter",
      "--role",
      ROLE,
      "--yes",
    ]);

    const lines = stderr.trim().split("\n");
    const zipPath = join(example, "dist", "function.zip");
    const zip = `${zipPath} (${formatBytes(statSync(zipPath).size)})`;
    expect(lines.every((line) => line.startsWith("[durable] "))).toBe(true);
    expect(lines.slice(0, 3)).toEqual([
      `[durable] building ${example}`,
      `[durable] built ${zip}`,
      "[durable] replay gate: skipped, alias live does not exist yet, so no execution runs through it",
    ]);
    expect(lines.slice(3, 11)).toEqual([
      "[durable] deploy will change:",
      "[durable]   region       us-east-1",
      `[durable]   endpoint     ${fake.url} (local)`,
      "[durable]   function     greeter (create: nodejs22.x, index.handler, durable, execution timeout 86400s (1d), retention 14 days)",
      `[durable]   role         ${ROLE}`,
      "[durable]   alias        live (create, at the new version)",
      `[durable]   code         ${zip}`,
      "[durable]   replay gate  skipped (no alias yet)",
    ]);
    expect(lines.slice(11)).toEqual([
      "[durable] creating function greeter",
      "[durable] waiting for greeter to become active",
      "[durable] publishing a version of greeter",
      "[durable] published version 1; waiting for it to become active",
      "[durable] creating alias live -> version 1",
      "[durable] deployed greeter:live -> version 1",
    ]);
  });

  it("updates the code of an existing function and moves the alias to the new version", async () => {
    fake = await startFakeLambda(lambdaRoutes({ exists: true, alias: "live" }));

    const { code, stdout, stderr } = await run([
      "deploy",
      example,
      "--function",
      "greeter",
      "--yes",
      "--json",
    ]);

    expect(code).toBe(0);
    expect(fake.calls()).toEqual([
      "GET /2015-03-31/functions/greeter",
      "GET /2015-03-31/functions/greeter/aliases/live",
      "GET /2025-12-01/functions/greeter/durable-executions",
      "GET /2025-12-01/functions/greeter/durable-executions",
      "GET /2025-12-01/functions/greeter/durable-executions",
      "PUT /2015-03-31/functions/greeter/code",
      "GET /2015-03-31/functions/greeter",
      "POST /2015-03-31/functions/greeter/versions",
      "GET /2015-03-31/functions/greeter/configuration",
      "PUT /2015-03-31/functions/greeter/aliases/live",
    ]);
    const zip = readFileSync(join(example, "dist", "function.zip"));
    // The gate asks for the alias's running executions, by alias and by its version, then $LATEST's.
    expect(fake.requests.slice(2, 5).map((request) => request.query)).toEqual([
      { Qualifier: "live", Statuses: "RUNNING", MaxItems: "1000" },
      { Qualifier: "2", Statuses: "RUNNING", MaxItems: "1000" },
      { Qualifier: "$LATEST", Statuses: "RUNNING", MaxItems: "1000" },
    ]);
    expect(Buffer.from(fake.requests[5].json.ZipFile, "base64").equals(zip)).toBe(true);
    expect(fake.requests[9].json).toEqual({ FunctionVersion: "3" });
    expect(stderr).toContain(
      "[durable] replay gate: 0 executions running through greeter:live (version 2)",
    );
    expect(stderr).toContain("[durable]   function     greeter (update code)");
    expect(stderr).toContain(
      "[durable]   alias        live (move from version 2 to the new version)",
    );
    expect(stderr).toContain("[durable]   replay gate  no running executions to check");
    expect(stderr).toContain("[durable] moving alias live from version 2 to 3");
    expect(JSON.parse(stdout)).toEqual({
      FunctionName: "greeter",
      FunctionArn: `${FUNCTION_ARN}:3`,
      Created: false,
      Version: "3",
      Alias: "live",
      AliasArn: `${FUNCTION_ARN}:live`,
      ReplayGate: {
        Alias: "live",
        AliasVersion: "2",
        Running: 0,
        Skipped: 0,
        Incompatible: 0,
        Results: [],
      },
      RunningOnLatest: 0,
    });
  });

  it("creates a missing alias on an existing function", async () => {
    fake = await startFakeLambda(lambdaRoutes({ exists: true }));

    const { code } = await run([
      "deploy",
      example,
      "--function",
      "greeter",
      "--alias",
      "beta",
      "--yes",
    ]);

    expect(code).toBe(0);
    expect(fake.calls().at(-1)).toBe("POST /2015-03-31/functions/greeter/aliases");
    expect(fake.requests.at(-1).json).toEqual({ Name: "beta", FunctionVersion: "3" });
  });

  it("changes the durable configuration on update before publishing", async () => {
    fake = await startFakeLambda(lambdaRoutes({ exists: true, alias: "live" }));

    const { code, stderr } = await run([
      "deploy",
      example,
      "--function",
      "greeter",
      "--retention-days",
      "30",
      "--yes",
    ]);

    expect(code).toBe(0);
    expect(fake.calls().slice(5, 9)).toEqual([
      "PUT /2015-03-31/functions/greeter/code",
      "GET /2015-03-31/functions/greeter",
      "PUT /2015-03-31/functions/greeter/configuration",
      "GET /2015-03-31/functions/greeter",
    ]);
    expect(fake.requests[7].json).toEqual({
      DurableConfig: { ExecutionTimeout: 86400, RetentionPeriodInDays: 30 },
    });
    expect(stderr).toContain(
      "[durable]   function     greeter (update code, execution timeout 86400s (1d), retention 30 days)",
    );
  });

  it("changes nothing without --yes off a terminal, after printing the plan", async () => {
    fake = await startFakeLambda(lambdaRoutes({ exists: true, alias: "live" }));

    const { code, stderr } = await run(["deploy", example, "--function", "greeter"]);

    expect(code).toBe(2);
    expect(fake.requests.every((request) => request.method === "GET")).toBe(true);
    expect(stderr).toContain("[durable] deploy will change:");
    expect(stderr).toContain(
      "[durable] Deploy 07-greeter to greeter:live changes things, so it needs --yes when not run at a terminal. Nothing was changed.",
    );
  });

  it("needs --role to create a function, and changes nothing without it", async () => {
    fake = await startFakeLambda(lambdaRoutes());

    const { code, stderr } = await run(["deploy", example, "--function", "greeter", "--yes"]);

    expect(code).toBe(2);
    expect(fake.calls()).toEqual(["GET /2015-03-31/functions/greeter"]);
    expect(stderr).toContain(
      '[durable] Function "greeter" does not exist yet, so deploy will create it and needs --role ARN',
    );
  });

  it("refuses to deploy over a function that is not durable", async () => {
    fake = await startFakeLambda(lambdaRoutes({ exists: true, durable: false }));

    const { code, stderr } = await run(["deploy", example, "--function", "greeter", "--yes"]);

    expect(code).toBe(1);
    expect(fake.calls()).toEqual(["GET /2015-03-31/functions/greeter"]);
    expect(stderr).toContain(
      '[durable] Failed to deploy: function "greeter" exists but is not durable, and durability can only be chosen when a function is created.',
    );
  });

  it("creates a plain function with the handler given, for a function an example invokes", async () => {
    fake = await startFakeLambda(lambdaRoutes());

    const { code, stderr } = await run([
      "deploy",
      example,
      "--function",
      "greeter",
      "--handler",
      "index.taxHandler",
      "--plain",
      "--role",
      ROLE,
      "--yes",
    ]);

    expect(code).toBe(0);
    const create = fake.requests[1].json;
    expect(create).toMatchObject({ FunctionName: "greeter", Handler: "index.taxHandler" });
    expect(create.DurableConfig).toBeUndefined();
    expect(stderr).toContain(
      "[durable]   function     greeter (create: nodejs22.x, index.taxHandler, plain)",
    );
  });

  it("changes the handler of an existing function before publishing", async () => {
    fake = await startFakeLambda(lambdaRoutes({ exists: true, alias: "live" }));

    const { code } = await run([
      "deploy",
      example,
      "--function",
      "greeter",
      "--handler",
      "index.paymentsHandler",
      "--yes",
    ]);

    expect(code).toBe(0);
    const calls = fake.calls();
    const update = calls.indexOf("PUT /2015-03-31/functions/greeter/configuration");
    expect(update).toBeGreaterThan(-1);
    expect(update).toBeLessThan(calls.indexOf("POST /2015-03-31/functions/greeter/versions"));
    expect(fake.requests[update].json).toEqual({ Handler: "index.paymentsHandler" });
  });

  it("refuses --plain over a durable function, and a handler that names no export", async () => {
    fake = await startFakeLambda(lambdaRoutes({ exists: true }));

    const plain = await run(["deploy", example, "--function", "greeter", "--plain", "--yes"]);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toContain(
      '[durable] Failed to deploy: function "greeter" exists but is durable, and durability can only be chosen when a function is created.',
    );

    const handler = await run(["deploy", example, "--function", "greeter", "--handler", "index"]);
    expect(handler.code).toBe(2);
    expect(handler.stderr).toContain(
      '[durable] --handler "index" is not a handler: give the file and the export, such as index.handler.',
    );

    const timeout = await run([
      "deploy",
      example,
      "--function",
      "g",
      "--plain",
      "--retention-days",
      "3",
    ]);
    expect(timeout.code).toBe(2);
    expect(timeout.stderr).toContain(
      "[durable] --execution-timeout and --retention-days configure a durable function; leave them out with --plain.",
    );
    expect(fake.calls()).toEqual(["GET /2015-03-31/functions/greeter"]);
  });

  it("stops before publishing when the update fails, saying why", async () => {
    fake = await startFakeLambda(
      lambdaRoutes({ exists: true, alias: "live", lastUpdate: "Failed" }),
    );

    const { code, stderr } = await run(["deploy", example, "--function", "greeter", "--yes"]);

    expect(code).toBe(1);
    expect(fake.calls()).not.toContain("POST /2015-03-31/functions/greeter/versions");
    expect(stderr).toContain(
      "[durable] Failed to deploy: greeter did not finish updating: state Active, last update Failed (The runtime failed to start.). Nothing after this step was done.",
    );
  });
});

describe("resolveExampleDir", () => {
  const examplesDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "examples");

  it("finds an example by folder, by name without the number, or by number", () => {
    const byFolder = resolveExampleDir("01-hello-step", examplesDir);

    expect(byFolder).toBe(join(examplesDir, "01-hello-step"));
    expect(resolveExampleDir("hello-step", examplesDir)).toBe(byFolder);
    expect(resolveExampleDir("01", examplesDir)).toBe(byFolder);
  });

  it("takes a folder path as it is", () => {
    expect(resolveExampleDir(fixture, examplesDir)).toBe(fixture);
  });
});
