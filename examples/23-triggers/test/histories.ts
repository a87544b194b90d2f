import { type Recordings, runDurable, startDurable } from "@durable-examples/testing";
import { Inventory, useInventory } from "../src/inventory.js";
import { orderFlow } from "../src/order-flow.js";

const input = { orderId: "o-23", items: [{ sku: "sku-mug", quantity: 2 }] };

/**
 * The executions this example keeps in histories/, which its tests replay so that a change to
 * the workflow that would break executions already running fails there. `pnpm record-histories`
 * records them again: one waiting for the payment to settle, one confirmed.
 */
export const recordings: Recordings = {
  settling: () => {
    useInventory(new Inventory());
    return startDurable(orderFlow, { input }).toHistory();
  },
  confirmed: async () => {
    useInventory(new Inventory());
    return (await runDurable(orderFlow, { input })).toHistory();
  },
};
