import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

export interface SupportTicket {
  ticketId: string;
  customer: string;
  /** The question the support agent needs answered before going on. */
  question: string;
}

export type TicketOutcome =
  | { ticketId: string; status: "answered"; reply: string }
  | { ticketId: string; status: "escalated"; assignedTo: string };

/** How long the customer has to reply before a human takes over. */
export const REPLY_WINDOW = { hours: 24 };

type RaceWinner = { kind: "reply"; text: string } | { kind: "timer" };

/**
 * Stands in for the email service. The reply link carries the callback id; the support site
 * behind it answers the callback with the customer's text.
 */
function sendEmail(email: { to: string; subject: string; body: string }): string {
  return `emailed ${email.to}: ${email.subject}`;
}

/**
 * A support ticket waits for the customer's reply, but not forever: if no reply comes within 24
 * hours, the ticket escalates to a human agent. The reply (a callback) and the deadline (a
 * durable wait) race; the first to finish decides, and the race's outcome is checkpointed, so
 * every replay takes the same branch.
 */
export const handler = withDurableExecution(
  async (ticket: SupportTicket, context: DurableContext): Promise<TicketOutcome> => {
    const [reply, callbackId] = await context.createCallback("customer-reply");
    await context.step("email-customer", () =>
      sendEmail({
        to: ticket.customer,
        subject: `Question about ticket ${ticket.ticketId}`,
        body: `${ticket.question}\n\nReply: https://support.example.com/reply/${encodeURIComponent(callbackId)}`,
      }),
    );
    const deadline = context.wait("reply-window", REPLY_WINDOW);

    const winner = await context.promise.race<RaceWinner>("reply-or-deadline", [
      reply.then((text): RaceWinner => ({ kind: "reply", text })),
      deadline.then((): RaceWinner => ({ kind: "timer" })),
    ]);

    if (winner.kind === "reply") {
      await context.step("resume-ticket", () => `ticket ${ticket.ticketId} back in the queue`);
      return { ticketId: ticket.ticketId, status: "answered", reply: winner.text };
    }
    const assignedTo = await context.step(
      "escalate",
      () => `tier-2 on call for ${ticket.ticketId}`,
    );
    return { ticketId: ticket.ticketId, status: "escalated", assignedTo };
  },
);
