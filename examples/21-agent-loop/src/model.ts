/** A tool call the model asks for, as chat APIs with tools return them. */
export interface ToolCall {
  id: string;
  name: string;
  arguments: Record<string, unknown>;
}

export type Message =
  | { role: "user"; content: string }
  | { role: "assistant"; content?: string; toolCalls?: ToolCall[] }
  | { role: "tool"; toolCallId: string; content: string };

export type AssistantMessage = Extract<Message, { role: "assistant" }>;

/** Anything that, given the conversation so far, says what to do next. */
export type Model = (messages: Message[]) => Promise<AssistantMessage>;

/**
 * A stand-in for a chat model with tools, for a support desk that refunds damaged orders. It
 * decides by rules from the conversation alone, so tests need no network and every run is the
 * same. A real model is neither free nor deterministic, which is why each call is a step.
 */
export const supportModel: Model = async (messages) => {
  const request = messages.find((message) => message.role === "user")?.content ?? "";
  const orderId = /\bo-\d+\b/.exec(request)?.[0];
  if (orderId === undefined) {
    return { role: "assistant", content: "Which order is it? Its number starts with o-." };
  }
  const order = resultOf(messages, "lookup_order") as { totalCents?: number } | undefined;
  if (order === undefined) return ask("lookup_order", { orderId });
  if (order.totalCents === undefined) {
    return { role: "assistant", content: `I cannot find order ${orderId}.` };
  }
  const refund = resultOf(messages, "issue_refund") as { refundId?: string; error?: string };
  if (refund === undefined) return ask("issue_refund", { orderId, amountCents: order.totalCents });
  return {
    role: "assistant",
    content:
      refund.refundId === undefined
        ? `I could not refund order ${orderId} (${refund.error}); a colleague will contact you.`
        : `I have refunded ${formatCents(order.totalCents)} for order ${orderId} (${refund.refundId}).`,
  };
};

function ask(name: string, args: Record<string, unknown>): AssistantMessage {
  return { role: "assistant", toolCalls: [{ id: `call-${name}`, name, arguments: args }] };
}

/** The parsed result of the last call to tool `name`, if any. */
function resultOf(messages: Message[], name: string): unknown {
  const call = messages
    .flatMap((message) => (message.role === "assistant" ? (message.toolCalls ?? []) : []))
    .findLast((candidate) => candidate.name === name);
  const result = messages.find(
    (message) => message.role === "tool" && message.toolCallId === call?.id,
  );
  return result?.role === "tool" ? JSON.parse(result.content) : undefined;
}

export function formatCents(cents: number): string {
  return `$${(cents / 100).toFixed(2)}`;
}
