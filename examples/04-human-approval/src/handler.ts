import {
  CallbackError,
  CallbackSubmitterError,
  CallbackTimeoutError,
  type DurableContext,
  defaultSerdes,
  withDurableExecution,
} from "@durable-examples/runtime";

export interface ExpenseClaim {
  claimId: string;
  employee: string;
  amountCents: number;
  description: string;
  /** Who decides: the employee's manager. */
  approver: string;
}

/** What the approval page sends back when the manager approves. */
export interface Approval {
  approvedBy: string;
  note?: string;
}

export type ClaimOutcome =
  | { claimId: string; status: "approved"; approvedBy: string; payout: string }
  | { claimId: string; status: "rejected"; reason: string }
  | { claimId: string; status: "expired"; reason: string };

/** How long the manager has to decide before the claim expires. */
export const APPROVAL_TIMEOUT = { days: 3 };

/** The approver is not someone the approval system can reach. */
export class UnknownApproverError extends Error {
  override name = "UnknownApproverError";
}

/**
 * Stands in for the approval system: a real one would store the callback id with the claim and
 * email the manager a link to an approval page. Whatever page the manager uses, it answers with
 * the callback id (see the README's "Deploy" section).
 */
function requestApproval(claim: ExpenseClaim, callbackId: string): string {
  if (!claim.approver.endsWith("@example.com")) {
    throw new UnknownApproverError(`no approver "${claim.approver}" in the directory`);
  }
  return `approval request for ${claim.claimId} sent to ${claim.approver} (callback ${callbackId})`;
}

/**
 * An expense claim waits for the manager's decision for up to three days. The execution suspends
 * while it waits: no compute runs, and the service invokes the function again when the manager
 * answers, or when the three days are up.
 */
export const handler = withDurableExecution(
  async (claim: ExpenseClaim, context: DurableContext): Promise<ClaimOutcome> => {
    try {
      const approval = await context.waitForCallback<Approval>(
        "manager-approval",
        (callbackId, { logger }) => {
          logger.info(requestApproval(claim, callbackId));
        },
        { timeout: APPROVAL_TIMEOUT, serdes: defaultSerdes },
      );
      const payout = await context.step("schedule-payout", () => schedulePayout(claim));
      return {
        claimId: claim.claimId,
        status: "approved",
        approvedBy: approval.approvedBy,
        payout,
      };
    } catch (error) {
      // Most specific first: both of these are CallbackErrors too.
      if (error instanceof CallbackTimeoutError) {
        return { claimId: claim.claimId, status: "expired", reason: "no decision within 3 days" };
      }
      if (error instanceof CallbackSubmitterError) throw error; // nobody was asked: fail the execution
      if (error instanceof CallbackError) {
        return { claimId: claim.claimId, status: "rejected", reason: error.message };
      }
      throw error;
    }
  },
);

/** Stands in for the payroll system. */
function schedulePayout(claim: ExpenseClaim): string {
  return `payout-${claim.claimId}-${claim.amountCents}`;
}
