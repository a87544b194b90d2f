import { describe, expect, it } from "vitest";
import { VirtualClock } from "../src/index.js";

describe("VirtualClock", () => {
  it("starts at 2025-01-01T00:00:00Z by default", () => {
    expect(new VirtualClock().now().toISOString()).toBe("2025-01-01T00:00:00.000Z");
  });

  it("starts at the given time", () => {
    expect(new VirtualClock(new Date("2030-06-01T12:00:00Z")).now().toISOString()).toBe(
      "2030-06-01T12:00:00.000Z",
    );
  });

  it("moves forward only when told to", () => {
    const clock = new VirtualClock();
    clock.advanceTo(new Date("2025-01-08T00:00:00Z"));
    expect(clock.now().toISOString()).toBe("2025-01-08T00:00:00.000Z");
    clock.advanceTo(new Date("2025-01-08T00:00:00Z"));
    expect(clock.now().toISOString()).toBe("2025-01-08T00:00:00.000Z");
  });

  it("refuses to move backwards", () => {
    const clock = new VirtualClock();
    expect(() => clock.advanceTo(new Date("2024-12-31T23:59:59Z"))).toThrow(
      "VirtualClock.advanceTo: 2024-12-31T23:59:59.000Z is before the current time 2025-01-01T00:00:00.000Z; the clock only moves forward.",
    );
  });

  it("refuses an invalid date", () => {
    expect(() => new VirtualClock().advanceTo(new Date("nonsense"))).toThrow(
      "VirtualClock advanceTo: expected a valid Date, got Invalid Date.",
    );
  });

  it("hands out dates that cannot move the clock", () => {
    const clock = new VirtualClock();
    clock.now().setFullYear(2040);
    expect(clock.now().toISOString()).toBe("2025-01-01T00:00:00.000Z");
  });
});
