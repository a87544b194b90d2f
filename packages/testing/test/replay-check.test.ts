import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";
import { describe, expect, it } from "vitest";
import { checkReplay, ReplayCheckError } from "../src/index.js";
import { stepWaitStep } from "./helpers/handlers.js";

describe("checkReplay", () => {
  it("passes a deterministic handler at every crash point", async () => {
    const report = await checkReplay(stepWaitStep, { input: { n: 3 } });

    // Three checkpoints (first step, wait, second step with the result): before and after each.
    expect(report.baseline.checkpointCount).toBe(3);
    expect(report.crashPoints).toBe(6);
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

    const error = await checkReplay(handler).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReplayCheckError);
    expect((error as ReplayCheckError).message).toMatch(/non-determinism/);
    expect((error as ReplayCheckError).message).toMatch(/"renew"|"expire"/);
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

    const error = await checkReplay(handler).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReplayCheckError);
    expect((error as ReplayCheckError).message).toMatch(
      /result \{"itemsReserved":0\}, first run \{"itemsReserved":3\}/,
    );
  });

  it("allows randomness inside a step", async () => {
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      const roll = await context.step("roll", () => Math.floor(Math.random() * 6) + 1);
      await context.wait({ seconds: 1 });
      return roll >= 1 && roll <= 6;
    });

    await expect(checkReplay(handler)).resolves.toMatchObject({ crashPoints: 4 });
  });
});
