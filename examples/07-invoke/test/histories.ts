import { type Recordings, runDurable, startDurable } from "@durable-examples/testing";
import { handler } from "../src/handler.js";
import { paymentsHandler } from "../src/payments.js";
import { taxHandler } from "../src/tax.js";

const input = {
  orderId: "order-7001",
  customerId: "cus-42",
  region: "WA",
  paymentMethod: "card-4242",
  lines: [
    { sku: "kettle", priceCents: 3999, quantity: 1 },
    { sku: "mug", priceCents: 1250, quantity: 2 },
  ],
};
const functions = {
  payments: paymentsHandler,
  "tax-calculator": { handler: taxHandler, durable: false },
};

/**
 * The executions this example keeps in histories/, which its tests replay so that a change to
 * the handler that would break executions already running fails there. `pnpm record-histories`
 * records them again.
 */
export const recordings: Recordings = {
  // It never suspends on its own: recorded as if the function died after its second checkpoint.
  "in-flight": () => startDurable(handler, { input, functions }).toHistory({ afterCheckpoint: 2 }),
  finished: async () => (await runDurable(handler, { input, functions })).toHistory(),
};
