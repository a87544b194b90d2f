import { fileURLToPath } from "node:url";
import {
  checkReplay,
  expectReplays,
  ReplayCheckError,
  runDurable,
} from "@durable-examples/testing";
import { beforeEach, describe, expect, it } from "vitest";
import { handler as closureSaga } from "../src/closure-saga.js";
import { handler } from "../src/handler.js";
import { TravelAgency, useAgency } from "../src/travel.js";

const trip = { tripId: "trip-5150" };
let agency: TravelAgency;

/** A fresh agency for each test; with `soldOut`, it has no car left. */
function freshAgency(soldOut = false): TravelAgency {
  agency = new TravelAgency();
  if (soldOut) agency.unavailable.add("car");
  useAgency(agency);
  return agency;
}

describe("13-saga", () => {
  beforeEach(() => freshAgency());

  it("books the flight, the hotel and the car", async () => {
    const run = await runDurable(handler, { input: trip });
    console.log(run.timeline);

    expect(run.result).toEqual({
      tripId: "trip-5150",
      status: "booked",
      bookings: ["flight-trip-5150", "hotel-trip-5150", "car-trip-5150"],
    });
    expect([...agency.bookings.values()].every((booking) => !booking.cancelled)).toBe(true);
  });

  it("cancels what it booked, in reverse, when the car is sold out", async () => {
    freshAgency(true);
    const run = await runDurable(handler, { input: trip });
    console.log(run.timeline);

    expect(run.result).toEqual({
      tripId: "trip-5150",
      status: "cancelled",
      bookings: ["flight-trip-5150", "hotel-trip-5150"],
      compensated: ["hotel-trip-5150", "flight-trip-5150"],
      reason: "car: nothing available for trip-5150",
    });
    expect(agency.calls).toEqual([
      "book flight",
      "book hotel",
      "book car",
      "cancel hotel-trip-5150",
      "cancel flight-trip-5150",
    ]);
  });

  it("cancels each booking once, whichever checkpoint the function dies after", async () => {
    freshAgency(true);
    const { checkpointCount } = await runDurable(handler, { input: trip });
    for (let atCheckpoint = 1; atCheckpoint <= checkpointCount; atCheckpoint++) {
      freshAgency(true);
      const run = await runDurable(handler, {
        input: trip,
        crash: { atCheckpoint, when: "after-apply" },
      });

      expect(run.result).toMatchObject({ compensated: ["hotel-trip-5150", "flight-trip-5150"] });
      expect([...agency.bookings.values()].map((b) => `${b.id} ${b.cancelled}`)).toEqual([
        "flight-trip-5150 true",
        "hotel-trip-5150 true",
      ]);
      // Nothing booked or cancelled twice: the finished steps replayed, they did not run again.
      expect(new Set(agency.calls).size).toBe(agency.calls.length);
    }
  });

  it("finishes the same way after a crash at any checkpoint, booked or cancelled", async () => {
    await checkReplay(handler, { input: trip });
    freshAgency(true);
    await checkReplay(handler, { input: trip });
  });

  it("catches the saga that keeps its undo list in closures", async () => {
    freshAgency(true);
    const error = await checkReplay(closureSaga, { input: trip }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ReplayCheckError);
    expect((error as ReplayCheckError).message).toMatch(
      /result \{"status":"cancelled","undone":0\}, first run \{"status":"cancelled","undone":2\}/,
    );
  });

  it("still replays every execution it has recorded (histories/)", async () => {
    freshAgency(true);
    await expectReplays(handler, fileURLToPath(new URL("../histories", import.meta.url)));
  });
});
