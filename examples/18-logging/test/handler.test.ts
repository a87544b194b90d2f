import { fileURLToPath } from "node:url";
import { checkReplay, type DurableRun, expectReplays, runDurable } from "@durable-examples/testing";
import { describe, expect, it } from "vitest";
import { handler as consoleHandler } from "../src/console-handler.js";
import { handler } from "../src/handler.js";
import { handler as powertoolsHandler } from "../src/powertools-handler.js";

const input = { orderId: "order-18", items: 2, busyAttempts: 1 };

/** The lines every run of the workflow should write: the step that is retried, once an attempt. */
const EACH_LINE_ONCE = [
  "order received",
  "reserving stock",
  "reserving stock",
  "label printed",
  "order fulfilled",
];

/** The runtime's default logger puts the lone object it is given under `message`. */
const fields = (line: Record<string, unknown>) => line.message as Record<string, unknown>;

/** The request id of the invocation that wrote each line, as 1-based invocation numbers. */
function invocationOf(run: DurableRun, line: Record<string, unknown>): number | undefined {
  return run.invocations.find((invocation) => invocation.requestId === line.requestId)?.index;
}

describe("18-logging", () => {
  describe("context.logger", () => {
    it("writes each line once across the three invocations, however often the handler replays", async () => {
      const run = await runDurable(handler, { input });
      console.log(run.timeline);

      expect(run.invocations).toHaveLength(3);
      expect(run.logs.map((line) => fields(line).message)).toEqual(EACH_LINE_ONCE);
    });

    it("writes a line of the handler's own code in the invocation that runs past it", async () => {
      const run = await runDurable(handler, { input });

      const [received, , , , fulfilled] = run.logs;
      expect(invocationOf(run, received!)).toBe(1);
      expect(invocationOf(run, fulfilled!)).toBe(3);
    });

    it("keeps each field a field, and names the step and the attempt in a step's lines", async () => {
      const run = await runDurable(handler, { input });

      expect(run.logs[0]).toMatchObject({
        level: "INFO",
        executionArn: run.executionArn,
        message: { message: "order received", orderId: "order-18", items: 2 },
      });
      expect(run.logs[0]).not.toHaveProperty("operationName");
      expect(
        run.logs.slice(1, 3).map(({ operationName, attempt }) => ({ operationName, attempt })),
      ).toEqual([
        { operationName: "reserve-stock", attempt: 1 },
        { operationName: "reserve-stock", attempt: 2 },
      ]);
    });

    it("writes the lines of an invocation that died before its checkpoint again", async () => {
      // The first checkpoint is the failed attempt's RETRY: dying before it is applied means
      // none of invocation 1 was recorded, so invocation 2 runs, and logs, the same code again.
      const run = await runDurable(handler, {
        input,
        crash: { atCheckpoint: 1, when: "before-apply" },
      });

      expect(run.logs.map((line) => fields(line).message)).toEqual([
        "order received",
        "reserving stock",
        ...EACH_LINE_ONCE,
      ]);
    });
  });

  it("writes a console line outside steps again on every invocation", async () => {
    const run = await runDurable(consoleHandler, { input });

    const received = run.logs.filter((line) => String(line.message).includes("order received"));
    expect(received).toHaveLength(3);
  });

  describe("Powertools as the custom logger", () => {
    it("writes each line once, through Powertools", async () => {
      const run = await runDurable(powertoolsHandler, { input });

      expect(run.invocations).toHaveLength(3);
      expect(run.logs.map((line) => line.message)).toEqual(EACH_LINE_ONCE);
      expect(run.logs.every((line) => line.service === "orders")).toBe(true);
    });

    it("gets the fields as Powertools keys, and where each line comes from", async () => {
      const run = await runDurable(powertoolsHandler, { input });

      expect(run.logs[0]).toMatchObject({
        level: "INFO",
        message: "order received",
        service: "orders",
        orderId: "order-18",
        items: 2,
        executionArn: run.executionArn,
        requestId: run.invocations[0]?.requestId,
      });
      expect(run.logs[0]).not.toHaveProperty("operationName");
      expect(run.logs[3]).toMatchObject({
        message: "label printed",
        label: "label-order-18",
        operationName: "print-label",
        attempt: 1,
        requestId: run.invocations[2]?.requestId,
      });
    });
  });

  it("finishes the same way after a crash at any checkpoint, with either logger", async () => {
    await checkReplay(handler, { input });
    await checkReplay(powertoolsHandler, { input });
  });

  it("still replays every execution it has recorded (histories/)", async () => {
    await expectReplays(handler, fileURLToPath(new URL("../histories", import.meta.url)));
  });
});
