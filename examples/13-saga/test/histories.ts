import { type Recordings, runDurable, startDurable } from "@durable-examples/testing";
import { handler } from "../src/handler.js";
import { TravelAgency, useAgency } from "../src/travel.js";

const input = { tripId: "trip-5150" };

function agency(soldOut: boolean): void {
  const fresh = new TravelAgency();
  if (soldOut) fresh.unavailable.add("car");
  useAgency(fresh);
}

/**
 * The executions this example keeps in histories/, which its tests replay so that a change to
 * the handler that would break executions already running fails there. `pnpm record-histories`
 * records them again. The saga never suspends: the one in flight is recorded as a function that
 * died after it booked the hotel.
 */
export const recordings: Recordings = {
  "in-flight": () => {
    agency(true);
    return startDurable(handler, { input }).toHistory({ afterCheckpoint: 2 });
  },
  compensated: async () => {
    agency(true);
    return (await runDurable(handler, { input })).toHistory();
  },
  booked: async () => {
    agency(false);
    return (await runDurable(handler, { input })).toHistory();
  },
};
