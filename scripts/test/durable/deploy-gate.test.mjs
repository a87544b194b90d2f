// End to end on the local service: executions that wait for an approval are exported and
// replayed against changed code, and deploy's replay gate refuses the change that would break
// them, leaving the alias where it was.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { GetAliasCommand, GetFunctionCommand } from "@aws-sdk/client-lambda";
import { loadHistory } from "@durable-examples/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../durable.mjs";
import { runDurable } from "./helpers/fake-lambda.mjs";
import { callbackIdOf, endedExecution, startLocalService } from "./helpers/local-service.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const versions = join(here, "..", "fixtures", "waiting-handler");
const scriptsModules = join(here, "..", "..", "node_modules");
const ROLE = "arn:aws:iam::000000000000:role/local";

// Each test bundles and deploys a function (esbuild inlines the AWS SDK, the server unzips and
// imports it) and replays executions: seconds alone, far more on a loaded 2-core machine.
describe("durable export, replay and the deploy gate on the local service", {
  timeout: 120_000,
}, () => {
  let local;
  let example;
  let work;
  const run = (argv) => runDurable(main, [...argv, "--endpoint", local.url]);
  /** Builds and deploys `version` (a file of fixtures/waiting-handler) as the function "orders". */
  const deploy = (version, ...options) => {
    copyFileSync(join(versions, version), join(example, "src", "handler.ts"));
    return run(["deploy", example, "--function", "orders", "--role", ROLE, "--yes", ...options]);
  };
  /** Starts an execution through the alias and returns its ARN once it waits for approval. */
  const start = async (orderId, qualifier = ["--qualifier", "live"]) => {
    const payload = JSON.stringify({ orderId });
    const started = await run([
      "invoke",
      "orders",
      ...qualifier,
      "--async",
      "--name",
      orderId,
      "--payload",
      payload,
      "--json",
    ]);
    expect(started.stderr).not.toContain("Failed");
    const arn = JSON.parse(started.stdout).DurableExecutionArn;
    await callbackIdOf(local.client, arn, "approval");
    return arn;
  };
  const aliasVersion = async () =>
    (await local.client.send(new GetAliasCommand({ FunctionName: "orders", Name: "live" })))
      .FunctionVersion;
  const hasVersion = (version) =>
    local.client.send(new GetFunctionCommand({ FunctionName: "orders", Qualifier: version })).then(
      () => true,
      (error) => (error.name === "ResourceNotFoundException" ? false : Promise.reject(error)),
    );
  const approve = async (arn) => {
    const id = await callbackIdOf(local.client, arn, "approval");
    const answered = await run(["callback", "succeed", id, "--result", "grace"]);
    expect(answered.code).toBe(0);
    return endedExecution(local.client, arn);
  };

  beforeAll(async () => {
    local = await startLocalService();
    work = mkdtempSync(join(tmpdir(), "durable-gate-"));
    // A throwaway example whose handler imports the runtime through scripts' own node_modules.
    example = join(work, "09-orders");
    mkdirSync(join(example, "src"), { recursive: true });
    symlinkSync(scriptsModules, join(example, "node_modules"), "dir");
    const first = await deploy("v1.ts");
    expect(first.stderr).toContain("replay gate: skipped, alias live does not exist yet");
    expect(first.code).toBe(0);
  });
  afterAll(async () => {
    await local?.close();
  });

  it("exports a waiting execution that replays on the same code and not on a renamed step", async () => {
    const arn = await start("order-1");
    const file = join(work, "order-1.json");

    const exported = await run(["export", arn, "--out", file]);

    expect(exported.code).toBe(0);
    expect(exported.stderr).toMatch(/wrote .*order-1\.json \(RUNNING, 3 operations, \d+ events\)/);
    const text = readFileSync(file, "utf8");
    expect(text).toMatch(/"StartTimestamp": "\d{4}-\d\d-\d\dT[\d:.]+Z"/);
    const history = loadHistory(file);
    expect(history).toMatchObject({ functionName: "orders", version: "1", executionArn: arn });
    expect(history.operations.map((op) => `${op.Type} ${op.Name ?? ""} ${op.Status}`)).toEqual([
      "EXECUTION  STARTED",
      "STEP load-order SUCCEEDED",
      "CALLBACK approval STARTED",
    ]);
    expect(history.operations[0].ExecutionDetails?.InputPayload).toBe('{"orderId":"order-1"}');

    const same = await run(["replay", file, "--handler", join(versions, "v1.ts")]);
    expect(same.stderr).not.toContain("Failed");
    expect(same.code).toBe(0);
    expect(same.stdout).toContain(`${file}: compatible\n`);

    const renamed = await run(["replay", file, "--handler", join(versions, "v2-unsafe.ts")]);
    expect(renamed.code).toBe(1);
    expect(renamed.stdout).toContain(`${file}: incompatible\n`);
    expect(renamed.stdout).toContain(
      'Not compatible: at operation 1 the history has step "load-order", but the code asked for step "fetch-order".',
    );
    expect(renamed.stderr).toContain("1 of 1 execution would not replay");

    // An ARN is exported first; a safe change says what the code would do next.
    const fromArn = await run(["replay", arn, "--handler", join(versions, "v2-safe.ts"), "--json"]);
    expect(fromArn.code).toBe(0);
    expect(JSON.parse(fromArn.stdout)).toEqual([
      expect.objectContaining({ source: arn, compatible: true, completed: false, next: [] }),
    ]);
  });

  // The tests below are one story, in order: executions started in one test are deployed over,
  // and finished, in the next ones.
  const running = {};

  it("refuses a change that running executions would not replay, and changes nothing", async () => {
    running.first = await start("order-2");
    running.second = await start("order-3");

    const unsafe = await deploy("v2-unsafe.ts");

    expect(unsafe.code).toBe(1);
    expect(unsafe.stderr).toContain(
      "Failed to deploy: 3 of 3 running executions of orders:live would not replay on the new code, so nothing was changed and the alias stays at version 1:",
    );
    expect(unsafe.stderr).toContain(
      `order-2 (${running.first}): at operation 1 the history has step "load-order", the new code asks for step "fetch-order"`,
    );
    expect(await aliasVersion()).toBe("1");
    expect(await hasVersion("1")).toBe(true);
    expect(await hasVersion("2")).toBe(false);
  });

  it("moves the alias past a change every running execution replays", async () => {
    const safe = await deploy("v2-safe.ts", "--json");

    expect(safe.stderr).not.toContain("Failed");
    expect(safe.code).toBe(0);
    const gate = JSON.parse(safe.stdout).ReplayGate;
    expect(gate).toMatchObject({ Alias: "live", AliasVersion: "1", Running: 3, Skipped: 0 });
    expect(gate.Incompatible).toBe(0);
    expect(gate.Results.map((result) => result.source)).toEqual(["order-3", "order-2", "order-1"]);
    expect(await aliasVersion()).toBe("2");
  });

  it("checks the most recent executions beyond --max-checks, and says how many it left out", async () => {
    // Executions started on v2 are what the next deploy must not break.
    running.older = await start("order-4");
    running.newer = await start("order-5");

    const limited = await deploy("v2-unsafe.ts", "--max-checks", "1", "--json");

    expect(limited.code).toBe(1);
    expect(limited.stderr).toContain(
      "2 executions running through orders:live (version 2); checking the 1 most recent (--max-checks 1), 1 not checked",
    );
    expect(limited.stderr).toContain(
      "Failed to deploy: 1 of 1 running execution of orders:live would not replay on the new code (1 older not checked), so nothing was changed and the alias stays at version 2:",
    );
    expect(limited.stderr).toContain(`order-5 (${running.newer}): at operation 1`);
    expect(limited.stderr).not.toContain(`order-4 (${running.older})`);
    const refused = JSON.parse(limited.stdout);
    expect(refused).toMatchObject({ Deployed: false, ReplayGate: { Running: 2, Skipped: 1 } });
    expect(refused.ReplayGate.Results).toEqual([
      expect.objectContaining({
        source: "order-5",
        compatible: false,
        divergence: {
          position: "1",
          recorded: 'step "load-order"',
          requested: 'step "fetch-order"',
        },
      }),
    ]);
    expect(await aliasVersion()).toBe("2");
  });

  it("moves the alias anyway with --force, warning about each execution and about $LATEST", async () => {
    // An execution on $LATEST, which the gate does not protect.
    running.onLatest = await start("order-6", []);

    const forced = await deploy("v2-unsafe.ts", "--force");

    expect(forced.code).toBe(0);
    expect(forced.stderr).toContain(
      "warning: deploying anyway (--force): 2 of 2 running executions would not replay",
    );
    expect(forced.stderr).toContain("warning: 1 execution runs on $LATEST");
    expect(await aliasVersion()).toBe("3");
  });

  it("loses nothing: each execution finishes on the version it started on, except on $LATEST", async () => {
    const result = async (arn) => JSON.parse((await approve(arn)).Result);
    expect(await result(running.first)).toMatchObject({ version: 1, order: "order-2" });
    expect(await result(running.second)).toMatchObject({ version: 1, order: "order-3" });
    expect(await result(running.older)).toMatchObject({ version: 2, order: "order-4" });
    expect(await result(running.newer)).toMatchObject({ version: 2, order: "order-5" });
    // On $LATEST the forced code replaced the code the execution started on.
    const latest = await approve(running.onLatest);
    expect(latest.Status).toBe("FAILED");
    expect(latest.Error?.ErrorType).toBe("NonDeterministicExecutionError");
  });
});
