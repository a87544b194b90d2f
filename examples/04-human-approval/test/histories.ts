import { type Recordings, runDurable, startDurable } from "@durable-examples/testing";
import { handler } from "../src/handler.js";

const input = {
  claimId: "exp-2291",
  employee: "ada@example.com",
  amountCents: 18450,
  description: "Train tickets to the Lisbon offsite",
  approver: "grace@example.com",
};

/**
 * The executions this example keeps in histories/, which its tests replay so that a change to
 * the handler that would break executions already running fails there. `pnpm record-histories`
 * records them again.
 */
export const recordings: Recordings = {
  "waiting-for-approval": () => startDurable(handler, { input }).toHistory(),
  approved: async () =>
    (
      await runDurable(handler, {
        input,
        callbacks: [
          {
            name: "manager-approval",
            succeed: { approvedBy: "grace@example.com" },
            after: { hours: 5 },
          },
        ],
      })
    ).toHistory(),
};
