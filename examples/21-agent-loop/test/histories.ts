import { type Recordings, runDurable, startDurable } from "@durable-examples/testing";
import { handler } from "../src/handler.js";
import { Backoffice, useBackoffice } from "../src/tools.js";

const input = { ticketId: "t-2", message: "My order o-1002 never worked; money back?" };

/**
 * The executions this example keeps in histories/, which its tests replay so that a change to
 * the handler that would break executions already running fails there. `pnpm record-histories`
 * records them again.
 */
export const recordings: Recordings = {
  "waiting-for-approval": () => {
    useBackoffice(new Backoffice());
    return startDurable(handler, { input }).toHistory();
  },
  refunded: async () => {
    useBackoffice(new Backoffice());
    const callbacks = [
      { name: "approve-2-issue_refund", succeed: { approved: true, by: "sam@example.com" } },
    ];
    return (await runDurable(handler, { input, callbacks })).toHistory();
  },
};
