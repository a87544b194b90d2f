import {
  type DurableContext,
  retryPresets,
  StepError,
  withDurableExecution,
} from "@durable-examples/runtime";
import { agency, type Booking } from "./travel.js";

/**
 * The saga as it is often written, and wrong: each step pushes its undo into a list from inside
 * its body. On a replay the bodies of finished steps do not run, so the list is empty and a
 * failure after a crash undoes nothing: the flight and the hotel stay booked.
 */
export const handler = withDurableExecution(
  async (trip: { tripId: string }, context: DurableContext) => {
    const undo: (() => void)[] = [];
    try {
      for (const kind of ["flight", "hotel", "car"] as Booking["kind"][]) {
        await context.step(
          `book-${kind}`,
          () => {
            const id = agency.book(trip.tripId, kind);
            undo.push(() => agency.cancel(id));
            return id;
          },
          { retryStrategy: retryPresets.noRetry },
        );
      }
      return { status: "booked", undone: 0 };
    } catch (error) {
      if (!(error instanceof StepError)) throw error;
      const undone = await context.step("undo-all", () => {
        for (const cancel of undo.reverse()) cancel();
        return undo.length;
      });
      return { status: "cancelled", undone };
    }
  },
);
