import { type Recordings, runDurable, startDurable } from "@durable-examples/testing";
import { handler } from "../src/handler.js";
import { PaymentProvider, usePayments } from "../src/payments.js";

const input = { orderId: "order-15", amountCents: 4200 };

/**
 * The executions this example keeps in histories/, which its tests replay so that a change to
 * the handler that would break executions already running fails there. `pnpm record-histories`
 * records them again. The one in flight is a function that died while charging.
 */
export const recordings: Recordings = {
  charging: () => {
    usePayments(new PaymentProvider());
    return startDurable(handler, { input }).toHistory({ afterCheckpoint: 1 });
  },
  charged: async () => {
    usePayments(new PaymentProvider());
    return (await runDurable(handler, { input })).toHistory();
  },
};
