import { type Recordings, runDurable, startDurable } from "@durable-examples/testing";
import { handler } from "../src/handler.js";

const input = {
  ticketId: "T-4821",
  customer: "lin@example.com",
  question: "Which order number was the damaged parcel?",
};

/**
 * The executions this example keeps in histories/, which its tests replay so that a change to
 * the handler that would break executions already running fails there. `pnpm record-histories`
 * records them again.
 */
export const recordings: Recordings = {
  "waiting-for-a-reply": () => startDurable(handler, { input }).toHistory(),
  replied: async () =>
    (
      await runDurable(handler, {
        input,
        callbacks: [{ name: "customer-reply", succeed: "Order 88-1203", after: { hours: 3 } }],
      })
    ).toHistory(),
};
