import { fileURLToPath } from "node:url";
import {
  type DurableContext,
  retryPresets,
  StepError,
  withDurableExecution,
} from "@durable-examples/runtime";
import { checkReplay, type DurableRun, expectReplays, runDurable } from "@durable-examples/testing";
import { describe, expect, it } from "vitest";
import { OutOfStockError } from "../src/errors.js";
import { handler, type ShipmentRequest } from "../src/handler.js";
import { reserveStock } from "../src/warehouse.js";

const order = { orderId: "order-17", sku: "mug-blue", quantity: 2 };
const input = (simulate: ShipmentRequest["simulate"] = {}) => ({ input: { ...order, simulate } });

/** The delays the retries of a step were scheduled with, in seconds. */
function retryDelays(run: DurableRun, name: string): (number | undefined)[] {
  return run.history
    .filter((event) => event.EventType === "StepFailed" && event.Name === name)
    .map((event) => event.StepFailedDetails?.RetryDetails?.NextAttemptDelaySeconds);
}

const attempts = (run: DurableRun, name: string) => run.getOperation(name)?.StepDetails?.Attempt;

describe("17-errors", () => {
  it("reserves the stock and ships the parcel", async () => {
    const run = await runDurable(handler, input());
    console.log(run.timeline);

    expect(run.result).toEqual({
      status: "shipped",
      reservation: "res-order-17",
      parcel: "parcel-order-17-1",
    });
  });

  describe("the retry strategy decides by error type", () => {
    it("retries a busy warehouse when it asks, and a timeout with exponential backoff", async () => {
      const run = await runDurable(handler, input({ busyAttempts: 2, timeouts: 2 }));
      console.log(run.timeline);

      expect(run.result).toMatchObject({ status: "shipped" });
      // Attempts 1 and 2: busy, retry after 7 s; attempts 3 and 4: timed out, 2^3 and 2^4 s.
      expect(retryDelays(run, "reserve-stock")).toEqual([7, 7, 8, 16]);
      expect(attempts(run, "reserve-stock")).toBe(5);
    });

    it("never retries an order that is out of stock, and answers it", async () => {
      const run = await runDurable(handler, input({ outOfStock: true }));
      console.log(run.timeline);

      expect(attempts(run, "reserve-stock")).toBe(1);
      expect(run.result).toEqual({
        status: "rejected",
        reason: "out-of-stock",
        error: {
          name: "StepError",
          message: "mug-blue: 2 ordered, none left",
          cause: "OutOfStockError",
        },
      });
    });

    it("never retries a bug, and fails the execution with the step's error", async () => {
      const run = await runDurable(handler, input({ bug: true }));

      expect(attempts(run, "reserve-stock")).toBe(1);
      expect(run.status).toBe("FAILED");
      expect(run.error).toEqual({
        ErrorType: "StepError",
        ErrorMessage: "Cannot read properties of undefined (reading 'bin')",
      });
    });

    it("gives up on a warehouse that stays busy after the fifth attempt", async () => {
      const run = await runDurable(handler, input({ busyAttempts: 9 }));

      expect(attempts(run, "reserve-stock")).toBe(5);
      expect(run.status).toBe("FAILED");
      expect(run.error).toEqual({
        ErrorType: "StepError",
        ErrorMessage: "warehouse busy: retry after 7s",
      });
    });
  });

  describe("a caught StepError", () => {
    /** Catches the step's StepError and says what it holds. */
    const inspectingHandler = withDurableExecution(
      async (event: ShipmentRequest, context: DurableContext) => {
        await context.step("before", () => "a checkpoint to crash after");
        try {
          return await context.step("reserve-stock", () => reserveStock(event, 1), {
            retryStrategy: retryPresets.noRetry,
          });
        } catch (error) {
          if (!(error instanceof StepError)) throw error;
          return {
            name: error.name,
            message: error.message,
            causeName: (error.cause as Error).name,
            causeMessage: (error.cause as Error).message,
            causeIsAnError: error.cause instanceof Error,
            causeIsTheThrownClass: error.cause instanceof OutOfStockError,
          };
        }
      },
    );
    const whatWasCaught = {
      name: "StepError",
      message: "mug-blue: 2 ordered, none left",
      causeName: "OutOfStockError",
      causeMessage: "mug-blue: 2 ordered, none left",
      causeIsAnError: true,
      causeIsTheThrownClass: false,
    };

    it("has the thrown error's message, and a cause named after its class but not of it", async () => {
      const run = await runDurable(inspectingHandler, input({ outOfStock: true }));

      expect(run.result).toEqual(whatWasCaught);
    });

    it("holds the same on replay, when the step failed in an earlier invocation", async () => {
      const { checkpointCount } = await runDurable(inspectingHandler, input({ outOfStock: true }));
      for (let atCheckpoint = 1; atCheckpoint <= checkpointCount; atCheckpoint++) {
        const run = await runDurable(inspectingHandler, {
          ...input({ outOfStock: true }),
          crash: { atCheckpoint, when: "after-apply" },
        });

        expect(run.invocations.length).toBeGreaterThan(1);
        expect(run.result).toEqual(whatWasCaught);
      }
    });
  });

  describe("withRetry around a block that waits", () => {
    it("books another pickup after a missed one, half an hour later", async () => {
      const run = await runDurable(handler, input({ missedPickups: 1 }));
      console.log(run.timeline);

      expect(run.result).toMatchObject({ status: "shipped", parcel: "parcel-order-17-2" });
      expect(run.operations.map((op) => op.Name).filter((name) => name !== undefined)).toEqual([
        "reserve-stock",
        "pickup",
        "book-courier",
        "wait-for-courier",
        "confirm-pickup",
        "pickup-backoff-1",
        "book-courier",
        "wait-for-courier",
        "confirm-pickup",
      ]);
    });

    it("releases the stock after the third missed pickup, and says why", async () => {
      const run = await runDurable(handler, input({ missedPickups: 3 }));
      console.log(run.timeline);

      expect(run.result).toEqual({
        status: "rejected",
        reason: "no-pickup",
        // One level of cause survives a child context: the StepError its block threw.
        error: {
          name: "ChildContextError",
          message: "courier missed pickup 3 of order-17",
          cause: "StepError",
        },
      });
      expect(run.getOperation("release-stock")?.Status).toBe("SUCCEEDED");
      expect(run.operations.filter((op) => op.Name === "book-courier")).toHaveLength(3);
    });
  });

  describe("errors replay the same way", () => {
    for (const [path, simulate] of [
      ["rejected after missed pickups", { missedPickups: 3 }],
      ["failed on a warehouse that stays busy", { busyAttempts: 9 }],
    ] as const) {
      it(`ends with the same outcome after a crash at any checkpoint: ${path}`, async () => {
        const first = await runDurable(handler, input(simulate));
        for (let atCheckpoint = 1; atCheckpoint <= first.checkpointCount; atCheckpoint++) {
          const run = await runDurable(handler, {
            ...input(simulate),
            crash: { atCheckpoint, when: "after-apply" },
          });

          expect([run.status, run.result, run.error]).toEqual([
            first.status,
            first.result,
            first.error,
          ]);
        }
      });
    }

    it("finishes the same way after a crash at any checkpoint, on every path", async () => {
      for (const simulate of [
        { busyAttempts: 1, timeouts: 1, missedPickups: 1 },
        { outOfStock: true },
        { missedPickups: 3 },
        { bug: true },
      ]) {
        const report = await checkReplay(handler, input(simulate));
        expect(report.crashPoints).toBeGreaterThan(0);
      }
    });
  });

  it("still replays every execution it has recorded (histories/)", async () => {
    await expectReplays(handler, fileURLToPath(new URL("../histories", import.meta.url)));
  });
});
