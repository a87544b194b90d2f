import * as official from "@aws/durable-execution-sdk-js";
import { CheckpointDurableExecutionCommand, LambdaClient } from "@aws-sdk/client-lambda";
import * as ours from "@durable-examples/runtime";
import * as officialV1 from "durable-execution-sdk-js-v1";
import { describe, expect, it } from "vitest";
import {
  checkReplay,
  type DurableRun,
  LambdaCallError,
  type RunOptions,
  runDurable,
  startDurable,
} from "../src/index.js";
import { type DurableSdk, taxFunction, workflows } from "./helpers/workflows.js";

const runtimes = {
  "@durable-examples/runtime": workflows(ours),
  "@aws/durable-execution-sdk-js": workflows(official as unknown as DurableSdk),
};
const v1 = workflows(officialV1 as unknown as DurableSdk);

/**
 * What two runs of the same source must share, whatever the runtime: the outcome, and the same
 * operations under the same ids (the order in which concurrent branches start may differ).
 */
function outcome(run: DurableRun) {
  return {
    status: run.status,
    result: run.result,
    operations: run.operations
      .filter((op) => op.Type !== "EXECUTION")
      .map((op) => `${op.Id} ${op.Type} ${op.SubType} ${op.Name ?? "-"} ${op.Status}`)
      .sort(),
    elapsedMs: run.elapsedMs,
  };
}

const inputs: Record<"stepsWaitRetry" | "callback" | "map" | "everythingElse", RunOptions> = {
  stepsWaitRetry: { input: { orderId: "o-7" } },
  callback: {
    callbacks: [{ name: "approval", succeed: { approvedBy: "grace" }, after: { hours: 2 } }],
  },
  map: { input: { items: [1, 2, 3, 4, 5] } },
  everythingElse: { functions: { "tax-function": { handler: taxFunction, durable: false } } },
};

describe.each(Object.entries(runtimes))("a handler built with %s", (runtime, handlers) => {
  it.each(Object.keys(inputs) as (keyof typeof inputs)[])("runs %s to the end", async (name) => {
    const run = await runDurable(handlers[name], inputs[name]);
    expect(run.runtime).toBe(runtime);
    expect(run.status).toBe("SUCCEEDED");
  });

  it.each(Object.keys(inputs) as (keyof typeof inputs)[])(
    "survives a crash at every checkpoint of %s",
    async (name) => {
      const report = await checkReplay(handlers[name], inputs[name]);
      expect(report.crashPoints).toBeGreaterThan(0);
      expect(report.skipped).toBe(0);
    },
  );

  it("answers a callback from the test", async () => {
    const execution = startDurable(handlers.callback);
    const approval = await execution.callback("approval");
    await approval.succeed({ approvedBy: "ada" });
    const run = await execution.result();
    expect(run.result).toEqual({ decision: { approvedBy: "ada" } });
  });

  it("keeps the handler's log lines", async () => {
    const run = await runDurable(handlers.stepsWaitRetry, inputs.stepsWaitRetry);
    expect(run.logs).toContainEqual(
      expect.objectContaining({ level: "INFO", message: expect.stringMatching(/^charged/) }),
    );
  });
});

describe("the same handler source on both runtimes", () => {
  it.each(Object.keys(inputs) as (keyof typeof inputs)[])("ends %s the same way", async (name) => {
    const [mine, theirs] = await Promise.all([
      runDurable(runtimes["@durable-examples/runtime"][name], inputs[name]),
      runDurable(runtimes["@aws/durable-execution-sdk-js"][name], inputs[name]),
    ]);
    expect(outcome(theirs)).toEqual(outcome(mine));
  });
});

describe("a handler built with @aws/durable-execution-sdk-js 1.1.7", () => {
  it("runs and survives a crash at every checkpoint", async () => {
    const run = await runDurable(v1.stepsWaitRetry, inputs.stepsWaitRetry);
    expect(run).toMatchObject({ runtime: "@aws/durable-execution-sdk-js", status: "SUCCEEDED" });
    const report = await checkReplay(v1.callback, inputs.callback);
    expect(report.crashPoints).toBeGreaterThan(0);
  });
});

describe("a handler that calls the Lambda API itself", () => {
  it("fails at once, saying what it called and why that is wrong", async () => {
    // As a runtime that ignored the client in the event would: it checkpoints through Lambda.
    const handler = async (event: { DurableExecutionArn: string; CheckpointToken: string }) => {
      await new LambdaClient({}).send(
        new CheckpointDurableExecutionCommand({
          DurableExecutionArn: event.DurableExecutionArn,
          CheckpointToken: event.CheckpointToken,
        }),
      );
      return { Status: "SUCCEEDED" };
    };

    const error = await runDurable(handler as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LambdaCallError);
    expect((error as Error).message).toMatch(
      /^The handler called the Lambda API itself \(CheckpointDurableExecution: POST \/2025-12-01\/durable-executions\/.+\/checkpoint\) instead of using the checkpoint client the harness hands it in the invocation event/,
    );
  });
});

describe("a handler on a runtime the harness does not know", () => {
  it("runs, but is refused by checkReplay, which cannot tell where its steps run", async () => {
    // Checkpoints one step through the client in the event, as some other runtime might.
    const handler = async (event: {
      CheckpointToken: string;
      DurableExecutionArn: string;
      durableExecutionClient: { checkpoint(request: unknown): Promise<unknown> };
    }) => {
      await event.durableExecutionClient.checkpoint({
        DurableExecutionArn: event.DurableExecutionArn,
        CheckpointToken: event.CheckpointToken,
        Updates: [{ Id: "c4ca4238a0b92382", Type: "STEP", Action: "SUCCEED", Payload: "1" }],
      });
      return { Status: "SUCCEEDED", Result: "1" };
    };

    await expect(runDurable(handler as never)).resolves.toMatchObject({
      runtime: "unknown",
      status: "SUCCEEDED",
    });
    await expect(checkReplay(handler as never)).rejects.toThrow(
      "Replay check cannot tell where this handler's steps run: it was not built with a durable runtime the harness knows (@durable-examples/runtime, and @aws/durable-execution-sdk-js 1.0.1 to 2.4.0).",
    );
  });
});

describe("checkReplay on an official-SDK handler", () => {
  it("passes randomness taken inside a step", async () => {
    const handler = official.withDurableExecution(async (_: unknown, context) => {
      const roll = await context.step("roll", async () => Math.random());
      await context.wait({ seconds: 1 });
      return { roll };
    });
    await expect(checkReplay(handler as never)).resolves.toMatchObject({ skipped: 0 });
  });

  it("catches the clock read outside a step", async () => {
    const handler = official.withDurableExecution(async (_: unknown, context) => {
      const startedAt = await context.step("start", async () => Date.now());
      await context.wait({ seconds: 1 });
      const late = Date.now() - startedAt > 86_400_000;
      return context.step(late ? "escalate" : "remind", async () => "ok");
    });
    await expect(checkReplay(handler as never)).rejects.toThrow(/non-determinism/);
  });
});
