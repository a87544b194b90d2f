import { fileURLToPath } from "node:url";
import { NestingType } from "@durable-examples/runtime";
import { checkReplay, expectReplays, runDurable } from "@durable-examples/testing";
import { beforeEach, expect, it } from "vitest";
import { handler } from "../src/handler.js";
import { PricingService, usePricing } from "../src/pricing.js";
import { repricer } from "../src/repricer.js";

const input = { products: 1000 };
let pricing: PricingService;

beforeEach(() => {
  pricing = new PricingService();
  usePricing(pricing);
});

it("reprices a thousand products in 20 batches of 50, four at a time", async () => {
  const run = await runDurable(handler, { input });
  console.log(run.timeline.split("\n").slice(0, 14).join("\n"));

  expect(run.result).toEqual({ repriced: 1000, failedBatches: [], completion: "ALL_COMPLETED" });
  expect(pricing.requests).toBe(20);
  expect(pricing.mostInFlight).toBe(4);
});

it.each([
  {
    batchSize: 1,
    maxConcurrency: 4,
    nesting: NestingType.NESTED,
    operations: 2003,
    checkpoints: 252,
  },
  {
    batchSize: 1,
    maxConcurrency: 10,
    nesting: NestingType.NESTED,
    operations: 2003,
    checkpoints: 102,
  },
  {
    batchSize: 1,
    maxConcurrency: 10,
    nesting: NestingType.FLAT,
    operations: 1003,
    checkpoints: 102,
  },
  {
    batchSize: 50,
    maxConcurrency: 10,
    nesting: NestingType.NESTED,
    operations: 43,
    checkpoints: 4,
  },
  { batchSize: 50, maxConcurrency: 10, nesting: NestingType.FLAT, operations: 23, checkpoints: 4 },
  {
    batchSize: 100,
    maxConcurrency: 10,
    nesting: NestingType.NESTED,
    operations: 23,
    checkpoints: 3,
  },
] as const)(
  "costs $operations operations and $checkpoints checkpoints in batches of $batchSize, $maxConcurrency at once, $nesting",
  async ({ operations, checkpoints, ...options }) => {
    const run = await runDurable(repricer(options), { input });

    expect(run.result).toMatchObject({ repriced: 1000 });
    expect(run.operations).toHaveLength(operations);
    expect(run.checkpointCount).toBe(checkpoints);
    expect(pricing.requests).toBe(1000 / options.batchSize);
  },
);

it("retries a batch the pricing service failed, and only that batch", async () => {
  pricing.flaky.add("sku-0123");
  const run = await runDurable(handler, { input });

  expect(run.result).toMatchObject({ repriced: 1000, failedBatches: [] });
  expect(pricing.requests).toBe(21);
  expect(run.getOperation("batch-3").Status).toBe("SUCCEEDED");
});

it("reports a batch that keeps failing, within the 5% it tolerates", async () => {
  pricing.broken.add("sku-0123");
  const run = await runDurable(handler, { input });

  expect(run.result).toEqual({
    repriced: 950,
    failedBatches: ["batch-3"],
    completion: "ALL_COMPLETED",
  });
});

it("completes as failed once more than 5% of the batches have failed", async () => {
  pricing.broken.add("sku-0123").add("sku-0234");
  const run = await runDurable(handler, { input });

  // The failing batches are retried first: by the time they give up, the others are done.
  expect(run.result).toEqual({
    repriced: 900,
    failedBatches: ["batch-3", "batch-5"],
    completion: "FAILURE_TOLERANCE_EXCEEDED",
  });
});

it("finishes the same way after a crash at any checkpoint", async () => {
  const report = await checkReplay(handler, { input });

  expect(report.crashPoints).toBe(14);
});

it("still replays every execution it has recorded (histories/)", async () => {
  await expectReplays(handler, fileURLToPath(new URL("../histories", import.meta.url)));
});
