import {
  type DurableContext,
  retryPresets,
  StepError,
  withDurableExecution,
} from "@durable-examples/runtime";
import { agency, type Booking } from "./travel.js";

export interface TripRequest {
  tripId: string;
}

export interface TripResult {
  tripId: string;
  status: "booked" | "cancelled";
  bookings: string[];
  /** On failure: the bookings undone, in the order they were undone. */
  compensated?: string[];
  reason?: string;
}

const KINDS: Booking["kind"][] = ["flight", "hotel", "car"];

/**
 * Books a flight, a hotel and a car; if one cannot be booked, cancels the ones already made, in
 * reverse. What to undo is the list of booking ids the steps returned: recorded, so a replay
 * rebuilds it exactly. Each cancellation is a step of its own, so a crash in the middle of
 * compensating resumes after the last cancellation that finished.
 */
export const handler = withDurableExecution(
  async (trip: TripRequest, context: DurableContext): Promise<TripResult> => {
    const booked: string[] = [];
    try {
      for (const kind of KINDS) {
        booked.push(
          await context.step(`book-${kind}`, () => agency.book(trip.tripId, kind), {
            retryStrategy: retryPresets.noRetry,
          }),
        );
      }
      return { tripId: trip.tripId, status: "booked", bookings: booked };
    } catch (error) {
      if (!(error instanceof StepError)) throw error;
      const compensated: string[] = [];
      for (const id of [...booked].reverse()) {
        compensated.push(
          await context.step(`cancel-${id}`, () => {
            agency.cancel(id);
            return id;
          }),
        );
      }
      return {
        tripId: trip.tripId,
        status: "cancelled",
        bookings: booked,
        compensated,
        reason: error.message,
      };
    }
  },
);
