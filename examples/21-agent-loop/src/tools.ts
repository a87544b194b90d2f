/** Stands in for the shop's order system, its payment provider and its approvals inbox. */
export class Backoffice {
  readonly orders = new Map<string, { totalCents: number }>([
    ["o-1001", { totalCents: 2_450 }],
    ["o-1002", { totalCents: 18_900 }],
  ]);
  /** Refunds made, keyed by order: refunding an order twice changes nothing. */
  readonly refunds = new Map<string, { refundId: string; amountCents: number }>();

  /** What the people who approve refunds are shown, with the callback id to answer. */
  readonly approvalRequests: { callbackId: string; request: string }[] = [];

  lookupOrder({ orderId }: { orderId: string }): { orderId: string; totalCents?: number } {
    return { orderId, ...this.orders.get(orderId) };
  }

  issueRefund({ orderId, amountCents }: { orderId: string; amountCents: number }) {
    let refund = this.refunds.get(orderId);
    if (refund === undefined) {
      refund = { refundId: `re-${orderId}`, amountCents };
      this.refunds.set(orderId, refund);
    }
    return refund;
  }

  requestApproval(callbackId: string, request: string): void {
    this.approvalRequests.push({ callbackId, request });
  }
}

/** The back office the agent's tools call; a test replaces it with a fresh one. */
export let backoffice = new Backoffice();

export function useBackoffice(fresh: Backoffice): void {
  backoffice = fresh;
}
