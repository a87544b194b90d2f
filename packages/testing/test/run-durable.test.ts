import {
  type DurableContext,
  retryPresets,
  StepSemantics,
  withDurableExecution,
} from "@durable-examples/runtime";
import { describe, expect, it } from "vitest";
import { CHECKPOINT_FAULT_KINDS, runDurable, simulateCrash } from "../src/index.js";
import { stepWaitStep } from "./helpers/handlers.js";

describe("runDurable", () => {
  it("runs a handler to completion across invocations on virtual time", async () => {
    const run = await runDurable(stepWaitStep, { input: { n: 20 } });

    expect(run.status).toBe("SUCCEEDED");
    expect(run.result).toEqual({ doubled: 40, plusOne: 41 });
    expect(run.invocations.map((invocation) => invocation.outcome)).toEqual([
      "PENDING",
      "SUCCEEDED",
    ]);
    expect(run.elapsedMs).toBe(3_600_000);
  });

  it("renders a timeline of what happened when", async () => {
    const run = await runDurable(stepWaitStep, { input: { n: 1 } });

    expect(run.timeline.split("\n")).toEqual([
      '+0s        execution started with input {"n":1}',
      '+0s        step "double" started',
      '+0s        step "double" succeeded: 2',
      '+0s        wait "pause" started for 1h',
      "+0s        invocation 1 ended (suspended)",
      '+1h        wait "pause" finished',
      '+1h        step "add-one" started',
      '+1h        step "add-one" succeeded: 3',
      "+1h        invocation 2 ended (succeeded)",
      '+1h        execution succeeded: {"doubled":2,"plusOne":3}',
    ]);
  });

  it("captures the handler's log records and keeps replays silent", async () => {
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      context.logger.info("before the wait");
      await context.wait({ seconds: 5 });
      context.logger.info("after the wait");
      return "done";
    });
    const run = await runDurable(handler);

    expect(run.logs.map((log) => log.message)).toEqual(["before the wait", "after the wait"]);
    expect(run.logs[0]).toMatchObject({ level: "INFO", executionArn: run.executionArn });
  });

  it.each(CHECKPOINT_FAULT_KINDS.filter((kind) => kind !== "missing-token"))(
    "recovers from a %s on a checkpoint with nothing lost",
    async (kind) => {
      let runs = 0;
      const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
        const first = await context.step("first", () => {
          runs += 1;
          return "a";
        });
        const second = await context.step("second", () => "b");
        return first + second;
      });
      const run = await runDurable(handler, { faults: [{ atCheckpoint: 2, kind }] });

      expect(run.status).toBe("SUCCEEDED");
      expect(run.result).toBe("ab");
      expect(run.invocations.map((invocation) => invocation.outcome)).toEqual([
        "THREW",
        "SUCCEEDED",
      ]);
      expect(runs).toBe(1);
    },
  );

  it("carries on in a new invocation when a checkpoint is answered without a token", async () => {
    let runs = 0;
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      const first = await context.step("first", () => {
        runs += 1;
        return "a";
      });
      const second = await context.step("second", () => "b");
      const third = await context.step("third", () => "c");
      return first + second + third;
    });
    const run = await runDurable(handler, { faults: [{ atCheckpoint: 1, kind: "missing-token" }] });

    expect(run.status).toBe("SUCCEEDED");
    expect(run.result).toBe("abc");
    expect(run.invocations.map((invocation) => invocation.outcome)).toEqual([
      "PENDING",
      "SUCCEEDED",
    ]);
    expect(runs).toBe(1);
  });

  it("ends an invocation with Runtime.ExitError when the handler simulates a crash", async () => {
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) =>
      context.step(
        "charge",
        async ({ attempt }) => {
          if (attempt === 1) await simulateCrash();
          return attempt;
        },
        { semantics: StepSemantics.AtMostOncePerRetry, retryStrategy: retryPresets.linear },
      ),
    );
    const run = await runDurable(handler);

    expect(run.invocations.map((invocation) => invocation.outcome)).toEqual([
      "CRASHED",
      "PENDING",
      "SUCCEEDED",
    ]);
    expect(run.invocations[0]?.error?.ErrorType).toBe("Runtime.ExitError");
    expect(run.result).toBe(2);
  });

  it("pages the initial state when the event holds only part of it", async () => {
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      let total = 0;
      for (let i = 0; i < 12; i++) total += await context.step(`s${i}`, () => i);
      await context.wait({ seconds: 1 });
      return total;
    });
    const run = await runDurable(handler, { initialStatePageSize: 5 });

    expect(run.status).toBe("SUCCEEDED");
    expect(run.result).toBe(66);
  });

  it("fails the execution when a replay takes another path", async () => {
    let invocation = 0;
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      invocation += 1;
      await context.step(invocation === 1 ? "charge" : "refund", () => "ok");
      await context.wait({ seconds: 1 });
      return "done";
    });
    const run = await runDurable(handler);

    expect(run.status).toBe("FAILED");
    expect(run.error?.ErrorType).toBe("NonDeterministicExecutionError");
    expect(run.error?.ErrorMessage).toBe(
      'Replay diverged at operation 1: history has Step "charge", code asked for Step "refund". Code outside steps must repeat exactly on replay: move time, randomness and I/O into steps.',
    );
  });
});
