import { randomUUID } from "node:crypto";
import {
  type DurableContext,
  retryPresets,
  StepSemantics,
  withDurableExecution,
} from "@durable-examples/runtime";
import { describe, expect, it } from "vitest";
import { checkReplay, HarnessError, ReplayCheckError } from "../src/index.js";
import { stepWaitStep } from "./helpers/handlers.js";

/** `n` steps with a one-minute wait after every `waitEvery`th. */
const longWorkflow = withDurableExecution(
  async (event: { n: number; waitEvery: number }, context: DurableContext) => {
    let total = 0;
    for (let i = 1; i <= event.n; i++) {
      total += await context.step(`step-${i}`, () => i);
      if (i % event.waitEvery === 0) await context.wait(`pause-${i}`, { minutes: 1 });
    }
    return total;
  },
);

async function replayError(promise: Promise<unknown>): Promise<ReplayCheckError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ReplayCheckError);
  return error as ReplayCheckError;
}

describe("checkReplay", () => {
  it("passes a deterministic handler at every crash point", async () => {
    const report = await checkReplay(stepWaitStep, { input: { n: 3 } });

    // Three checkpoints (first step, wait, second step with the result): before and after each.
    expect(report.baseline.checkpointCount).toBe(3);
    expect(report.crashPoints).toBe(6);
    expect(report.skipped).toBe(0);
    // Crashing before the wait leaves the service as crashing after the first step does.
    expect(report.runs).toBe(5);
  });

  it("stops a crashed run once it has caught up with the first run", async () => {
    const report = await checkReplay(longWorkflow, { input: { n: 60, waitEvery: 10 } });

    expect(report.baseline.result).toBe(1830);
    expect(report.crashPoints).toBe(2 * report.baseline.checkpointCount);
    // Only a run crashed after the last checkpoint has nothing to catch up with before the end.
    expect(report.converged).toBe(report.runs - 1);
  });

  it("catches a branch on Date.now() outside a step", async () => {
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      const startedAt = await context.step("record-start", () => Date.now());
      await context.wait({ seconds: 1 });
      // Wrong: the clock is read outside a step, so a replay can take the other branch.
      if (Date.now() - startedAt > 86_400_000) {
        await context.step("expire", () => "expired");
      } else {
        await context.step("renew", () => "renewed");
      }
      return "done";
    });

    const error = await replayError(checkReplay(handler));
    expect(error.message).toMatch(/non-determinism/);
    expect(error.message).toMatch(/"renew"|"expire"/);
  });

  it("catches a branch on new Date() outside a step", async () => {
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      const startedAt = await context.step("record-start", () => new Date().toISOString());
      await context.wait({ seconds: 1 });
      // Wrong: the date is read outside a step, on every replay.
      const late = new Date() > new Date(Date.parse(startedAt) + 86_400_000);
      return context.step(late ? "escalate" : "remind", () => "ok");
    });

    const error = await replayError(checkReplay(handler));
    expect(error.message).toMatch(/non-determinism: .*"remind".*"escalate"/);
  });

  it("catches a branch on Math.random() outside a step, every time", async () => {
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      // Wrong: a replay draws again, and may pick the other variant.
      const variant = Math.random() < 0.5 ? "a" : "b";
      await context.step(`send-variant-${variant}`, () => variant);
      await context.wait({ seconds: 1 });
      return variant;
    });

    // A replay check's replays draw other numbers than its first run, not only by chance.
    for (const seed of [1, 2, 3]) {
      const error = await replayError(checkReplay(handler, { seed }));
      expect(error.message).toMatch(/non-determinism: .*"send-variant-[ab]".*"send-variant-[ab]"/);
    }
  });

  it("catches state kept in a closure written inside a step", async () => {
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      let itemsReserved = 0;
      // Wrong: the counter lives outside the checkpoint log; a replay skips the step body.
      await context.step("reserve", () => {
        itemsReserved += 3;
      });
      return context.step("confirm", () => ({ itemsReserved }));
    });

    const error = await replayError(checkReplay(handler));
    expect(error.message).toMatch(/result \{"itemsReserved":0\}, first run \{"itemsReserved":3\}/);
  });

  it("catches state kept in a closure across a wait in a long workflow", async () => {
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      const seen: number[] = [];
      for (let i = 1; i <= 25; i++) {
        // Wrong: `seen` is filled only by step bodies that run, not by ones that replay.
        await context.step(`step-${i}`, () => {
          seen.push(i);
        });
        if (i % 10 === 0) await context.wait({ minutes: 1 });
      }
      return context.step("count", () => seen.length);
    });

    const error = await replayError(checkReplay(handler));
    // The first run's last invocation ran steps 21 to 25 after replaying the rest.
    expect(error.message).toMatch(/result [0-4], first run 5\./);
  });

  it("passes time, randomness and ids taken inside steps, whatever a crash re-runs", async () => {
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      const now = await context.step("now", () => Date.now());
      const today = await context.step("today", () => new Date().toISOString());
      const roll = await context.step("roll", () => Math.random());
      const webId = await context.step("web-id", () => crypto.randomUUID());
      const nodeId = await context.step("node-id", () => randomUUID());
      const bytes = await context.step("bytes", () =>
        Array.from(crypto.getRandomValues(new Uint8Array(8))),
      );
      // An id made in a step names the next step.
      await context.step(`process-${nodeId}`, () => "processed");
      await context.wait({ seconds: 1 });
      return { now, today, roll, webId, nodeId, bytes };
    });

    const report = await checkReplay(handler);
    expect(report.crashPoints).toBeGreaterThan(0);
    const { nodeId } = report.baseline.result as { nodeId: string };
    expect(report.baseline.getOperation(`process-${nodeId}`)).toBeDefined();
  });

  it("gives an at-most-once step interrupted by a crash the values of its first run", async () => {
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      const token = await context.step("issue-token", () => randomUUID(), {
        semantics: StepSemantics.AtMostOncePerRetry,
        retryStrategy: retryPresets.linear,
      });
      return { token };
    });

    await expect(checkReplay(handler)).resolves.toMatchObject({ crashPoints: 4 });
  });

  it("refuses a handler that makes no checkpoint", async () => {
    const plain = async () => ({ Status: "SUCCEEDED", Result: '"hi"' });

    const error = await replayError(checkReplay(plain));
    expect(error.message).toMatch(
      /^Replay check has nothing to check: the first run made no checkpoint \(it ended SUCCEEDED after 1 invocation\(s\)\)/,
    );
  });

  it("refuses a first run whose invocations kept failing", async () => {
    const durable = withDurableExecution(async (_: unknown, context: DurableContext) => {
      await context.step("work", () => "done");
      await context.wait({ seconds: 1 });
      return "ok";
    });
    const broken = async (event: never, lambdaContext: never) => {
      await durable(event, lambdaContext);
      throw new TypeError("Region is missing");
    };

    const error = await replayError(checkReplay(broken));
    expect(error.message).toBe(
      "Replay check cannot use the first run: it failed with TypeError: Region is missing, because its invocations failed (the last threw) until the service gave up. That is not an outcome the handler chose, so crashing it shows nothing; fix the first run first (runDurable(handler) shows the same failure).",
    );
  });

  it("checks a capped, deterministic spread of crash points", async () => {
    const options = { input: { n: 40, waitEvery: 10 }, maxCrashPoints: 12 };
    const report = await checkReplay(longWorkflow, options);
    const again = await checkReplay(longWorkflow, options);

    expect(report.crashPoints).toBe(12);
    expect(report.skipped).toBe(2 * report.baseline.checkpointCount - 12);
    expect(again.runs).toBe(report.runs);
    expect(again.converged).toBe(report.converged);
  });

  it("still catches a wrong handler with a capped spread of crash points", async () => {
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      let reserved = 0;
      for (let i = 1; i <= 20; i++) {
        await context.step(`reserve-${i}`, () => {
          reserved += 1;
        });
      }
      return reserved;
    });

    // The last crash point is always tried, and a crash there replays every step.
    const error = await replayError(checkReplay(handler, { maxCrashPoints: 3 }));
    expect(error.message).toMatch(/result \d+, first run 20/);
  });

  it("names what is wrong with a bad option", async () => {
    await expect(checkReplay(stepWaitStep, { maxCrashPoints: 1 })).rejects.toThrow(
      "checkReplay: maxCrashPoints must be a whole number of at least 2 (the first and last crash points), got 1.",
    );
    await expect(
      checkReplay(stepWaitStep, { crash: { atCheckpoint: 1, when: "after-apply" } } as never),
    ).rejects.toThrow(HarnessError);
  });
});
