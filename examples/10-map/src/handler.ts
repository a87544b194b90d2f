import {
  type DurableContext,
  type MapConfig,
  retryPresets,
  withDurableExecution,
} from "@durable-examples/runtime";

export interface CampaignRequest {
  campaignId: string;
  /** How many customers the (simulated) CRM returns. */
  customerCount: number;
  /** Customers whose mailbox rejects the message, so each failure path can be tried. */
  bouncing?: string[];
}

export interface Customer {
  id: string;
  email: string;
}

export type CampaignOutcome =
  | { status: "sent"; campaignId: string; sent: number; suppressed: string[] }
  | { status: "halted"; campaignId: string; sent: number; failed: string[]; notStarted: number };

export class MailboxUnavailableError extends Error {
  override name = "MailboxUnavailableError";
}

/** Stands in for the CRM: the customers the notice goes to. */
function loadAudience(count: number): Customer[] {
  return Array.from({ length: count }, (_, index) => {
    const id = `cus-${String(index + 1).padStart(3, "0")}`;
    return { id, email: `${id}@example.com` };
  });
}

/** Stands in for the email service. */
function sendEmail(request: CampaignRequest, customer: Customer): string {
  if (request.bouncing?.includes(customer.id)) {
    throw new MailboxUnavailableError(`${customer.email}: mailbox unavailable`);
  }
  return `msg-${request.campaignId}-${customer.id}`;
}

/**
 * Five emails in flight at once, so the email service is not flooded; each item named after its
 * customer, so the history reads as a mailing list; and up to 10% of the audience may bounce
 * before the campaign is halted.
 */
export const notifyConfig: MapConfig<Customer, string> = {
  maxConcurrency: 5,
  itemNamer: (customer) => `notify-${customer.id}`,
  completionConfig: { toleratedFailurePercentage: 10 },
};

/**
 * Sends a plan-change notice to every customer in the audience, a few at a time. Bounced
 * addresses go on a suppression list; if more than 10% bounce, something is wrong with the list
 * or the email service, so the campaign stops starting emails and marketing is alerted.
 */
export const handler = withDurableExecution(
  async (request: CampaignRequest, context: DurableContext): Promise<CampaignOutcome> => {
    const customers = await context.step("load-audience", () =>
      loadAudience(request.customerCount),
    );

    const batch = await context.map(
      "notify-customers",
      customers,
      // Each item runs in a child context of its own: its step is recorded under the item.
      // Retries belong here in production (see 02-retries); they are off to keep the run short.
      (item, customer) =>
        item.step("send-email", () => sendEmail(request, customer), {
          retryStrategy: retryPresets.noRetry,
        }),
      notifyConfig,
    );

    const failed = batch.failed().map((item) => customers[item.index]!.id);
    if (batch.completionReason === "FAILURE_TOLERANCE_EXCEEDED") {
      await context.step("alert-marketing", () => `campaign ${request.campaignId} halted`);
      return {
        status: "halted",
        campaignId: request.campaignId,
        sent: batch.successCount,
        failed,
        notStarted: customers.length - batch.totalCount,
      };
    }
    if (batch.status === "FAILED") {
      // Every item ran and a few bounced, within the tolerance: stop mailing those addresses.
      await context.step("suppress-bounced", () => failed.length);
    }
    return {
      status: "sent",
      campaignId: request.campaignId,
      sent: batch.successCount,
      suppressed: failed,
    };
  },
);
