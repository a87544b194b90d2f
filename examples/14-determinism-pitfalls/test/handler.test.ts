import { fileURLToPath } from "node:url";
import {
  checkReplay,
  expectReplays,
  ReplayCheckError,
  runDurable,
} from "@durable-examples/testing";
import { beforeEach, describe, expect, it } from "vitest";
import { handler, type Order } from "../src/handler.js";
import { clock, closure, outsideData, race, randomness, stock } from "../src/pitfalls.js";

/** The message a replay check fails with. */
async function replayFailure(check: Promise<unknown>): Promise<string> {
  const error = await check.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ReplayCheckError);
  return (error as Error).message;
}

/** An offer that ends in a week: before a replay check's replays, which run a year on. */
const offer = { endsAt: new Date(Date.now() + 7 * 86_400_000).toISOString() };

describe("the clock", () => {
  it("read outside a step: a replay after the offer ended charges the other price", async () => {
    expect(await replayFailure(checkReplay(clock.wrong, { input: offer }))).toMatch(
      /operation 1 differs: first run has Step "charge-discount" SUCCEEDED, replayed run has Step "charge-full-price"/,
    );
  });

  it("read in a step: every replay reads the answer of the first run", async () => {
    await expect(checkReplay(clock.fixed, { input: offer })).resolves.toBeDefined();
  });
});

describe("randomness", () => {
  it("drawn outside a step: a replay draws again and sends the other variant", async () => {
    expect(await replayFailure(checkReplay(randomness.wrong))).toMatch(
      /operation 1 differs: first run has Step "send-welcome-(a|b)" SUCCEEDED, replayed run has Step "send-welcome-(?!\1)[ab]"/,
    );
  });

  it("drawn in a step: the recorded draw is replayed", async () => {
    await expect(checkReplay(randomness.fixed)).resolves.toBeDefined();
  });
});

describe("a variable written inside a step", () => {
  it("works until a crash makes the step replay: then the invoice is for 0", async () => {
    expect((await runDurable(closure.wrong)).result).toEqual({ totalCents: 3750 });
    expect(await replayFailure(checkReplay(closure.wrong))).toMatch(
      /result \{"totalCents":0\}, first run \{"totalCents":3750\}/,
    );
  });

  it("is safe as the step's result", async () => {
    await expect(checkReplay(closure.fixed)).resolves.toBeDefined();
  });
});

describe("data read outside a step", () => {
  beforeEach(() => {
    stock.available = 1;
  });

  it("has changed by the replay, and the execution fails", async () => {
    const run = await runDurable(outsideData.wrong);

    expect(run.status).toBe("FAILED");
    expect(run.error?.ErrorType).toBe("NonDeterministicExecutionError");
    expect(run.error?.ErrorMessage).toMatch(
      /history has Step "reserve", code asked for Step "backorder"/,
    );
  });

  it("read in a step: the branch taken is recorded", async () => {
    const run = await runDurable(outsideData.fixed);

    expect(run.status).toBe("SUCCEEDED");
    expect(run.getOperation("reserve")).toBeDefined();
    expect(stock.available).toBe(0);
  });
});

describe("Promise.race over steps", () => {
  it("books the slow carrier on replay, though the fast one won", async () => {
    const run = await runDurable(race.wrong);

    expect(run.status).toBe("SUCCEEDED");
    expect(run.result).toBe("slow-carrier");
  });

  it("context.promise.race records the winner", async () => {
    expect((await runDurable(race.fixed)).result).toBe("fast-carrier");
  });
});

describe("an order written with the fixes", () => {
  const order: Order = {
    orderId: "order-14",
    items: [{ sku: "mug", priceCents: 1250, quantity: 3 }],
    discountEndsAt: "2099-01-01T00:00:00Z",
  };

  it("invoices the discounted total after the cooling-off day", async () => {
    const run = await runDurable(handler, { input: order });
    console.log(run.timeline);

    expect(run.result).toMatchObject({ orderId: "order-14", totalCents: 3375, discounted: true });
  });

  it("finishes the same way after a crash at any checkpoint", async () => {
    await expect(checkReplay(handler, { input: order })).resolves.toBeDefined();
  });

  it("still replays every execution it has recorded (histories/)", async () => {
    await expectReplays(handler, fileURLToPath(new URL("../histories", import.meta.url)));
  });
});
