import { fileURLToPath } from "node:url";
import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";
import {
  checkReplay,
  ExecutionStuckError,
  expectReplays,
  runDurable,
  startDurable,
} from "@durable-examples/testing";
import { describe, expect, it } from "vitest";
import { handler, type SupportTicket } from "../src/handler.js";

const ticket: SupportTicket = {
  ticketId: "T-4821",
  customer: "lin@example.com",
  question: "Which order number was the damaged parcel?",
};
const HOUR_MS = 3_600_000;

describe("11-race-callback-timer", () => {
  it("goes on with the ticket when the customer replies first", async () => {
    const run = await runDurable(handler, {
      input: ticket,
      callbacks: [{ name: "customer-reply", succeed: "Order 88-1203", after: { hours: 3 } }],
    });
    console.log(run.timeline);

    expect(run.status).toBe("SUCCEEDED");
    expect(run.result).toEqual({ ticketId: "T-4821", status: "answered", reply: "Order 88-1203" });
    expect(run.elapsedMs).toBe(3 * HOUR_MS);
    expect(() => run.getOperation("escalate")).toThrow();
    // The race's outcome is checkpointed; the losing timer never finished.
    expect(run.getOperation("reply-or-deadline").ContextDetails?.Result).toBe(
      '{"kind":"reply","text":"Order 88-1203"}',
    );
    expect(run.getOperation("reply-window").Status).toBe("STARTED");
  });

  it("escalates after 24 hours when no reply comes", async () => {
    const run = await runDurable(handler, { input: ticket });
    console.log(run.timeline);

    expect(run.result).toEqual({
      ticketId: "T-4821",
      status: "escalated",
      assignedTo: "tier-2 on call for T-4821",
    });
    expect(run.elapsedMs).toBe(24 * HOUR_MS);
    expect(() => run.getOperation("resume-ticket")).toThrow();
    expect(run.getOperation("customer-reply").Status).toBe("STARTED");
  });

  it("escalates when the reply comes after the deadline", async () => {
    const run = await runDurable(handler, {
      input: ticket,
      callbacks: [{ name: "customer-reply", succeed: "Order 88-1203", after: { hours: 25 } }],
    });

    expect(run.result).toMatchObject({ status: "escalated" });
    expect(run.elapsedMs).toBe(24 * HOUR_MS);
  });

  it("takes a reply sent from the test just before the deadline", async () => {
    const execution = startDurable(handler, { input: ticket });
    const reply = await execution.callback("customer-reply");
    await execution.advance({ hours: 23, minutes: 59 });
    await reply.succeed("Order 88-1203, sorry for the wait");
    const run = await execution.result();

    expect(run.result).toEqual({
      ticketId: "T-4821",
      status: "answered",
      reply: "Order 88-1203, sorry for the wait",
    });
    expect(run.elapsedMs).toBe((23 * 60 + 59) * 60_000);
  });

  it("would wait forever without the timer: the harness names the callback", async () => {
    const replyOnly = withDurableExecution(async (_: SupportTicket, context: DurableContext) => {
      const [reply] = await context.createCallback("customer-reply");
      return reply;
    });

    await expect(runDurable(replyOnly, { input: ticket })).rejects.toThrow(ExecutionStuckError);
    await expect(runDurable(replyOnly, { input: ticket })).rejects.toThrow(
      /callback "customer-reply" has no answer and no timeout/,
    );
  });

  it.each([
    ["the reply wins", [{ name: "customer-reply", succeed: "Order 88-1203", after: { hours: 3 } }]],
    ["the timer wins", []],
  ])("finishes the same way after a crash at any checkpoint: %s", async (_, callbacks) => {
    await checkReplay(handler, { input: ticket, callbacks });
  });

  it("still replays every execution it has recorded (histories/)", async () => {
    await expectReplays(handler, fileURLToPath(new URL("../histories", import.meta.url)));
  });
});
