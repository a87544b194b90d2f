import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as official from "@aws/durable-execution-sdk-js";
import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";
import { describe, expect, it } from "vitest";
import {
  type DurableHistory,
  expectReplays,
  HistoryReplayError,
  historyJson,
  readHistory,
  replayHistory,
  resumeHistory,
  runDurable,
  startDurable,
} from "../src/index.js";

/** v1 of a checkout: load, wait a day, charge, send a receipt. */
const v1 = withDurableExecution(async (event: { orderId: string }, context: DurableContext) => {
  const order = await context.step("load-order", () => ({ id: event.orderId, cents: 4200 }));
  await context.wait("cool-down", { days: 1 });
  const charge = await context.step("charge", () => ({ charged: order.cents }));
  return { order: order.id, charged: charge.charged };
});

/** A v1 execution recorded while it waits out the day. */
async function inFlight(handler = v1): Promise<DurableHistory> {
  const execution = startDurable(handler, { input: { orderId: "o-7" } });
  return execution.toHistory();
}

describe("recorded histories", () => {
  it("records an execution in flight, the same way every time", async () => {
    const history = await inFlight();

    expect(history).toMatchObject({ status: "RUNNING", functionName: "durable-function" });
    expect(history.operations.map((op) => `${op.Type} ${op.Name ?? ""} ${op.Status}`)).toEqual([
      "EXECUTION  STARTED",
      "STEP load-order SUCCEEDED",
      "WAIT cool-down STARTED",
    ]);
    expect(historyJson(await inFlight())).toBe(historyJson(history));
  });

  it("records an execution that never suspends as a function that died after a checkpoint", async () => {
    const twoSteps = withDurableExecution(async (_: unknown, context: DurableContext) => {
      const a = await context.step("a", () => 1);
      return a + (await context.step("b", () => 2));
    });
    const history = await startDurable(twoSteps).toHistory({ afterCheckpoint: 1 });

    expect(history.status).toBe("RUNNING");
    expect(history.operations.map((op) => `${op.Name ?? op.Type} ${op.Status}`)).toEqual([
      "EXECUTION STARTED",
      "a SUCCEEDED",
    ]);
    await expect(replayHistory(twoSteps, history)).resolves.toMatchObject({
      compatible: true,
      next: ['step "b" (operation 2)'],
    });
    await expect(startDurable(twoSteps).toHistory({ afterCheckpoint: 5 })).rejects.toThrow(
      "toHistory: the execution made 2 checkpoint(s) before it ended, not 5.",
    );
  });

  it("reads back what it wrote", async () => {
    const history = await inFlight();
    expect(readHistory(JSON.parse(historyJson(history)))).toEqual(history);
  });

  it("replays on the same code, and says what comes next", async () => {
    const verdict = await replayHistory(v1, await inFlight());

    expect(verdict).toMatchObject({ compatible: true, completed: false, divergence: undefined });
    expect(verdict.next).toEqual(['step "charge" (operation 3)']);
    expect(verdict.message).toBe(
      'Compatible: the code asks for every recorded operation as it was recorded. Next, it would add step "charge" (operation 3).',
    );
  });

  it("runs a recorded execution on to its end on new code", async () => {
    const run = await resumeHistory(v1, await inFlight());

    expect(run.status).toBe("SUCCEEDED");
    expect(run.result).toEqual({ order: "o-7", charged: 4200 });
    // Recorded at the start of the day-long wait; it ends a day of virtual time after that.
    expect(run.elapsedMs).toBe(86_400_000);
  });

  it("accepts new work after the recorded end", async () => {
    const v2 = withDurableExecution(async (event: { orderId: string }, context: DurableContext) => {
      const order = await context.step("load-order", () => ({ id: event.orderId, cents: 4200 }));
      await context.wait("cool-down", { days: 1 });
      const charge = await context.step("charge", () => ({ charged: order.cents }));
      await context.step("send-receipt", () => "sent");
      return { order: order.id, charged: charge.charged };
    });

    const verdict = await replayHistory(v2, await inFlight());
    expect(verdict.compatible).toBe(true);
    expect(verdict.next).toEqual([
      'step "charge" (operation 3)',
      'step "send-receipt" (operation 4)',
    ]);
  });

  it("rejects a step renamed inside the recorded part, naming where and what", async () => {
    const renamed = withDurableExecution(
      async (event: { orderId: string }, context: DurableContext) => {
        const order = await context.step("fetch-order", () => ({ id: event.orderId, cents: 4200 }));
        await context.wait("cool-down", { days: 1 });
        return order;
      },
    );

    const verdict = await replayHistory(renamed, await inFlight());
    expect(verdict.compatible).toBe(false);
    expect(verdict.divergence).toEqual({
      position: "1",
      recorded: 'step "load-order"',
      requested: 'step "fetch-order"',
    });
    expect(verdict.message).toBe(
      'Not compatible: at operation 1 the history has step "load-order", but the code asked for step "fetch-order". Executions recorded before this change would fail on their next invocation: keep the old path for them (branch on a version recorded in a step), or let them finish on the version they started on.',
    );
  });

  it("rejects operations reordered inside the recorded part", async () => {
    const reordered = withDurableExecution(
      async (event: { orderId: string }, context: DurableContext) => {
        await context.wait("cool-down", { days: 1 });
        return context.step("load-order", () => ({ id: event.orderId }));
      },
    );

    const verdict = await replayHistory(reordered, await inFlight());
    expect(verdict.divergence).toEqual({
      position: "1",
      recorded: 'step "load-order"',
      requested: 'wait "cool-down"',
    });
  });

  it("rejects code that no longer reaches the operation the execution waits on", async () => {
    const noWait = withDurableExecution(
      async (event: { orderId: string }, context: DurableContext) =>
        context.step("load-order", () => ({ id: event.orderId, cents: 4200 })),
    );

    const verdict = await replayHistory(noWait, await inFlight());
    expect(verdict.compatible).toBe(false);
    expect(verdict.message).toMatch(
      /^Not compatible: the code ends the execution \(SUCCEEDED\) without reaching wait "cool-down" \(operation 2\), which the execution waits on/,
    );
  });

  it("rejects code that can no longer read a recorded result", async () => {
    // v2 expects { total: { cents } } where v1 recorded { cents }.
    const reshaped = withDurableExecution(
      async (event: { orderId: string }, context: DurableContext) => {
        const order = await context.step("load-order", () => ({
          id: event.orderId,
          total: { cents: 4200 },
        }));
        const cents = order.total.cents;
        await context.wait("cool-down", { days: 1 });
        return cents;
      },
    );

    const verdict = await replayHistory(reshaped, await inFlight());
    expect(verdict.compatible).toBe(false);
    expect(verdict.message).toMatch(
      /^Not compatible: the code fails the execution on the recorded state \(TypeError: /,
    );
  });

  it("rejects items added to a map that was running when recorded", async () => {
    const notify = (count: number) =>
      withDurableExecution(async (_: unknown, context: DurableContext) => {
        const result = await context.map(
          "notify",
          Array.from({ length: count }, (_, i) => i),
          (item, i) => item.waitForCallback(`ack-${i}`, async () => {}),
        );
        return result.getResults();
      });
    const recorded = await startDurable(notify(2)).toHistory();

    expect((await replayHistory(notify(2), recorded)).compatible).toBe(true);
    const verdict = await replayHistory(notify(3), recorded);
    expect(verdict.message).toMatch(
      /^Not compatible: the code adds map item "map-item-2" to map "notify" \(operation 1\), which ran 2 items at once when it was recorded/,
    );
  });

  it("lets a map with maxConcurrency go on starting items as others finish", async () => {
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      const result = await context.map(
        "resize",
        Array.from({ length: 12 }, (_, i) => i),
        (item, i) => item.step("resize-image", async () => i * 2),
        { maxConcurrency: 3 },
      );
      return result.getResults();
    });
    // Recorded with some items done and three running: the rest were yet to start.
    const recorded = await startDurable(handler).toHistory({ afterCheckpoint: 3 });

    const verdict = await replayHistory(handler, recorded);
    expect(verdict.compatible).toBe(true);
    expect(verdict.next).toContain('map item "map-item-11" (operation 1-12)');
  });

  it("says a completed execution is never invoked again", async () => {
    const run = await runDurable(v1, { input: { orderId: "o-7" } });
    const verdict = await replayHistory(
      withDurableExecution(async () => "anything"),
      run.toHistory(),
    );

    expect(verdict).toMatchObject({ compatible: true, completed: true });
    expect(verdict.message).toBe(
      "Completed (SUCCEEDED): Lambda never invokes an ended execution again, so no change to the code can affect it.",
    );
  });

  it("reads what the AWS CLI prints for the state and for the history", async () => {
    const history = await inFlight();
    // As `aws lambda get-durable-execution-state --output json` prints it: ISO timestamps.
    const state = JSON.parse(JSON.stringify({ Operations: history.operations }));
    // As `aws lambda get-durable-execution-history --output json` might, with epoch seconds.
    const events = JSON.parse(
      JSON.stringify({ Events: history.events }, (key, value) =>
        key.endsWith("Timestamp") ? Date.parse(value) / 1000 : value,
      ),
    );

    for (const printed of [state, events]) {
      const read = readHistory(printed);
      expect(read.status).toBe("RUNNING");
      expect(read.operations.map((op) => [op.Id, op.Type, op.Name, op.Status])).toEqual(
        history.operations.map((op) => [op.Id, op.Type, op.Name, op.Status]),
      );
      await expect(replayHistory(v1, read)).resolves.toMatchObject({ compatible: true });
    }
  });

  it("keeps the Date values of an SDK response, and writes them as ISO strings", async () => {
    const history = await inFlight();
    // What GetDurableExecutionHistory returns through @aws-sdk/client-lambda: real Dates.
    const response = { Events: history.events.map((event) => ({ ...event })) };

    const read = readHistory(response);

    const started = read.events[0]?.EventTimestamp;
    expect(started).toBeInstanceOf(Date);
    expect(started?.toISOString()).toBe(history.events[0]?.EventTimestamp?.toISOString());
    const written = JSON.parse(historyJson(read));
    expect(written.events[0].EventTimestamp).toBe(started?.toISOString());
    expect(written.operations[0].StartTimestamp).toBe(
      history.operations[0]?.StartTimestamp?.toISOString(),
    );
    await expect(replayHistory(v1, read)).resolves.toMatchObject({ compatible: true });
  });

  it("explains a file that is not a history", () => {
    expect(() => readHistory({ Items: [] }, "History histories/x.json")).toThrow(
      'History histories/x.json is not a durable execution history (it has neither operations nor events): expected a file written by toHistory(), or the JSON of "aws lambda get-durable-execution-state" ({"Operations": [...]}) or "aws lambda get-durable-execution-history" ({"Events": [...]}).',
    );
  });

  it("replays official-SDK executions, and names where they diverge", async () => {
    const officialV1 = official.withDurableExecution(async (_: unknown, context) => {
      await context.step("load-order", async () => "o-7");
      await context.wait("cool-down", { days: 1 });
      return "done";
    });
    const officialRenamed = official.withDurableExecution(async (_: unknown, context) => {
      await context.step("fetch-order", async () => "o-7");
      await context.wait("cool-down", { days: 1 });
      return "done";
    });
    const recorded = await startDurable(officialV1 as never).toHistory();

    expect((await replayHistory(officialV1 as never, recorded)).compatible).toBe(true);
    const verdict = await replayHistory(officialRenamed as never, recorded);
    expect(verdict.divergence).toEqual({
      position: "1",
      recorded: 'step "load-order"',
      requested: 'step "fetch-order"',
    });
  });
});

describe("expectReplays", () => {
  it("passes when every history in the folder replays, and names each one that does not", async () => {
    const folder = mkdtempSync(join(tmpdir(), "histories-"));
    writeFileSync(join(folder, "in-flight.json"), historyJson(await inFlight()));
    const done = await runDurable(v1, { input: { orderId: "o-8" } });
    writeFileSync(join(folder, "finished.json"), historyJson(done.toHistory()));

    await expect(expectReplays(v1, folder)).resolves.toMatchObject({
      "finished.json": { completed: true },
      "in-flight.json": { compatible: true },
    });
    const renamed = withDurableExecution(async (_: unknown, context: DurableContext) => {
      await context.step("fetch-order", () => "o-7");
      await context.wait("cool-down", { days: 1 });
    });
    const error = await expectReplays(renamed, folder).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HistoryReplayError);
    expect((error as Error).message).toMatch(
      /^1 of 2 recorded executions in .+ would not replay on this code:\n {2}in-flight\.json: Not compatible: at operation 1 the history has step "load-order", but the code asked for step "fetch-order"\./,
    );
  });

  it("refuses a folder with no histories", async () => {
    const folder = mkdtempSync(join(tmpdir(), "histories-"));
    await expect(expectReplays(v1, folder)).rejects.toThrow(/^No histories \(\*\.json\) in /);
  });
});
