import { type Recordings, runDurable, startDurable } from "@durable-examples/testing";
import { handler } from "../src/handler.js";
import { PricingService, usePricing } from "../src/pricing.js";

const input = { products: 1000 };

/**
 * The executions this example keeps in histories/, which its tests replay so that a change to
 * the handler that would break executions already running fails there. `pnpm record-histories`
 * records them again. The repricing never suspends: the one in flight is recorded as a function
 * that died with four batches in flight.
 */
export const recordings: Recordings = {
  "in-flight": () => {
    usePricing(new PricingService());
    return startDurable(handler, { input }).toHistory({ afterCheckpoint: 3 });
  },
  repriced: async () => {
    usePricing(new PricingService());
    return (await runDurable(handler, { input })).toHistory();
  },
};
