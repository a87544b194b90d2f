/** What a booking service knows of one booking. */
export interface Booking {
  id: string;
  kind: "flight" | "hotel" | "car";
  cancelled: boolean;
}

/**
 * Stands in for three booking services. A booking id is derived from the trip and the kind, as
 * an idempotency key would be, so booking or cancelling the same thing twice changes nothing:
 * a step that runs again after a crash cannot double-book.
 */
export class TravelAgency {
  readonly bookings = new Map<string, Booking>();
  /** Calls made, to count in tests: what a real service would bill. */
  readonly calls: string[] = [];
  /** The kinds of booking this agency cannot make (to try the failure path). */
  unavailable = new Set<Booking["kind"]>();

  book(tripId: string, kind: Booking["kind"]): string {
    this.calls.push(`book ${kind}`);
    if (this.unavailable.has(kind))
      throw new SoldOutError(`${kind}: nothing available for ${tripId}`);
    const id = `${kind}-${tripId}`;
    if (!this.bookings.has(id)) this.bookings.set(id, { id, kind, cancelled: false });
    return id;
  }

  cancel(id: string): void {
    this.calls.push(`cancel ${id}`);
    const booking = this.bookings.get(id);
    if (booking !== undefined) booking.cancelled = true;
  }
}

/** Nothing left to book: retrying cannot help, so the saga compensates at once. */
export class SoldOutError extends Error {
  override readonly name = "SoldOutError";
}

/** The agency the handler books with; a test replaces it with a fresh one. */
export let agency = new TravelAgency();

export function useAgency(replacement: TravelAgency): void {
  agency = replacement;
}
