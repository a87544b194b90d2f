import {
  CallbackTimeoutError,
  type DurableContext,
  defaultSerdes,
  withDurableExecution,
} from "@durable-examples/runtime";
import type { Message, Model, ToolCall } from "./model.js";
import { backoffice } from "./tools.js";

export interface Ticket {
  ticketId: string;
  message: string;
}

/** What the person asked to approve a refund sends back. */
export interface Decision {
  approved: boolean;
  by: string;
}

/** A refund above this needs a person's approval. */
export const APPROVAL_OVER_CENTS = 5_000;
/** How many model turns an agent gets before it gives up. */
export const MAX_TURNS = 8;

/** The model kept calling tools and never answered. */
export class TooManyTurnsError extends Error {
  override readonly name = "TooManyTurnsError";
}

const TOOLS: Record<string, (args: never) => unknown> = {
  lookup_order: (args: { orderId: string }) => backoffice.lookupOrder(args),
  issue_refund: (args: { orderId: string; amountCents: number }) => backoffice.issueRefund(args),
};

/**
 * A support agent: the model reads the conversation and asks for tools until it can answer.
 * Every model call and every tool call is a step, so a replay rebuilds the conversation from the
 * checkpoint log and neither the model nor a tool runs twice. A refund over $50 waits for a
 * person to approve it first; the function is suspended, at no cost, while it waits.
 */
export function supportAgent(model: Model) {
  return withDurableExecution(async (ticket: Ticket, context: DurableContext) => {
    const messages: Message[] = [{ role: "user", content: ticket.message }];
    for (let turn = 1; turn <= MAX_TURNS; turn++) {
      const reply = await context.step(`model-turn-${turn}`, () => model(messages));
      messages.push(reply);
      if (reply.toolCalls === undefined || reply.toolCalls.length === 0) {
        return { ticketId: ticket.ticketId, answer: reply.content, turns: turn };
      }
      for (const call of reply.toolCalls) {
        const result = await callTool(context, call, turn);
        messages.push({ role: "tool", toolCallId: call.id, content: JSON.stringify(result) });
      }
    }
    throw new TooManyTurnsError(`No answer from the model after ${MAX_TURNS} turns`);
  });
}

async function callTool(context: DurableContext, call: ToolCall, turn: number): Promise<unknown> {
  const tool = TOOLS[call.name];
  // The model's mistakes go back to the model, as tool results, rather than failing the ticket.
  if (tool === undefined) return { error: `no tool named ${call.name}` };
  if (call.name === "issue_refund" && Number(call.arguments.amountCents) > APPROVAL_OVER_CENTS) {
    const decision = await approval(context, call, turn);
    if (!decision.approved) return { error: `declined by ${decision.by}` };
  }
  return context.step(`tool-${turn}-${call.name}`, () => tool(call.arguments as never));
}

/** Asks a person to approve the call and waits up to a day; no answer counts as declined. */
async function approval(context: DurableContext, call: ToolCall, turn: number): Promise<Decision> {
  try {
    return await context.waitForCallback<Decision>(
      `approve-${turn}-${call.name}`,
      (callbackId) =>
        backoffice.requestApproval(callbackId, `${call.name} ${JSON.stringify(call.arguments)}`),
      { timeout: { days: 1 }, serdes: defaultSerdes },
    );
  } catch (error) {
    if (error instanceof CallbackTimeoutError) return { approved: false, by: "nobody, in a day" };
    throw error;
  }
}
