import { fileURLToPath } from "node:url";
import { checkReplay, expectReplays, runDurable, startDurable } from "@durable-examples/testing";
import { beforeEach, describe, expect, it } from "vitest";
import { supportAgent } from "../src/agent.js";
import { handler } from "../src/handler.js";
import { type Model, supportModel } from "../src/model.js";
import { Backoffice, useBackoffice } from "../src/tools.js";

const smallRefund = { ticketId: "t-1", message: "Order o-1001 arrived broken. Refund, please." };
const largeRefund = { ticketId: "t-2", message: "My order o-1002 never worked; money back?" };
const approve = {
  name: "approve-2-issue_refund",
  succeed: { approved: true, by: "sam@example.com" },
};
let backoffice: Backoffice;

beforeEach(() => {
  backoffice = new Backoffice();
  useBackoffice(backoffice);
});

it("looks the order up, refunds it and answers, one step per model and tool call", async () => {
  const run = await runDurable(handler, { input: smallRefund });
  console.log(run.timeline);

  expect(run.result).toEqual({
    ticketId: "t-1",
    answer: "I have refunded $24.50 for order o-1001 (re-o-1001).",
    turns: 3,
  });
  expect(run.operations.map((operation) => operation.Name).filter(Boolean)).toEqual([
    "model-turn-1",
    "tool-1-lookup_order",
    "model-turn-2",
    "tool-2-issue_refund",
    "model-turn-3",
  ]);
});

describe("a refund over $50", () => {
  it("waits for a person's approval, then refunds", async () => {
    const run = await runDurable(handler, {
      input: largeRefund,
      callbacks: [{ ...approve, after: { hours: 3 } }],
    });
    console.log(run.timeline);

    expect(run.result).toMatchObject({
      answer: expect.stringMatching(/^I have refunded \$189.00/),
    });
    expect(backoffice.refunds.get("o-1002")).toEqual({
      refundId: "re-o-1002",
      amountCents: 18_900,
    });
    expect(run.elapsedMs).toBe(3 * 3_600_000);
  });

  it("tells the person what the model wants to do, and waits for the answer", async () => {
    const execution = startDurable(handler, { input: largeRefund });
    const [callback] = await execution.waitingCallbacks();

    expect(callback?.name).toBe("approve-2-issue_refund");
    expect(backoffice.approvalRequests).toEqual([
      {
        callbackId: callback?.callbackId,
        request: 'issue_refund {"orderId":"o-1002","amountCents":18900}',
      },
    ]);
    await callback?.succeed({ approved: false, by: "sam@example.com" });
    const run = await execution.result();
    expect(run.result).toMatchObject({
      answer:
        "I could not refund order o-1002 (declined by sam@example.com); a colleague will contact you.",
    });
    expect(backoffice.refunds.size).toBe(0);
  });

  it("counts a day without an answer as declined", async () => {
    const run = await runDurable(handler, {
      input: largeRefund,
      callbacks: [{ name: "approve-2-issue_refund", never: true }],
    });

    expect(run.result).toMatchObject({
      answer: expect.stringContaining("declined by nobody, in a day"),
    });
    expect(backoffice.refunds.size).toBe(0);
  });
});

it("calls the model once per turn, however often the function is replayed", async () => {
  let calls = 0;
  const counted = supportAgent(async (messages) => {
    calls += 1;
    return supportModel(messages);
  });
  const run = await runDurable(counted, { input: largeRefund, callbacks: [approve] });

  expect(run.invocations.length).toBe(2);
  expect(calls).toBe(3);
});

it("gives up after eight turns of a model that never answers", async () => {
  const stuck: Model = async () => ({
    role: "assistant",
    toolCalls: [{ id: "again", name: "lookup_order", arguments: { orderId: "o-1001" } }],
  });
  const run = await runDurable(supportAgent(stuck), { input: smallRefund });

  expect(run.status).toBe("FAILED");
  expect(run.error).toMatchObject({
    ErrorType: "TooManyTurnsError",
    ErrorMessage: "No answer from the model after 8 turns",
  });
});

it("hands a tool the model made up back to the model as an error", async () => {
  let seen = "";
  const confused: Model = async (messages) => {
    const last = messages.at(-1);
    if (last?.role === "tool") {
      seen = last.content;
      return { role: "assistant", content: "Sorry, I cannot do that." };
    }
    return { role: "assistant", toolCalls: [{ id: "x", name: "delete_account", arguments: {} }] };
  };
  const run = await runDurable(supportAgent(confused), { input: smallRefund });

  expect(run.result).toMatchObject({ answer: "Sorry, I cannot do that.", turns: 2 });
  expect(seen).toBe('{"error":"no tool named delete_account"}');
});

it("finishes the same way after a crash at any checkpoint", async () => {
  await checkReplay(handler, { input: largeRefund, callbacks: [approve] });

  expect(backoffice.refunds.size).toBe(1);
});

it("still replays every execution it has recorded (histories/)", async () => {
  await expectReplays(handler, fileURLToPath(new URL("../histories", import.meta.url)));
});
