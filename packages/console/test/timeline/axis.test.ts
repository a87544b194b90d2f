import { describe, expect, it } from "vitest";
import { buildAxis, formatDuration } from "../../src/timeline/axis.js";

describe("buildAxis", () => {
  it("keeps order and gives a day-long gap more room than a millisecond one, but not all of it", () => {
    const axis = buildAxis([0, 5, 10, 86_400_000 + 10], 100, 1000);
    const [a, b, c, d] = [0, 5, 10, 86_400_010].map((t) => axis.x(t));
    expect(a).toBe(100);
    expect(d).toBeCloseTo(1100);
    expect(b! < c! && c! < d!).toBe(true);
    expect(d! - c!).toBeGreaterThan(5 * (c! - b!));
    expect(c! - b!).toBeGreaterThan(10);
  });

  it("places a time between two moments between their positions", () => {
    const axis = buildAxis([0, 1000], 0, 100);
    expect(axis.x(500)).toBeGreaterThan(0);
    expect(axis.x(500)).toBeLessThan(100);
    expect(axis.x(-5)).toBe(0);
    expect(axis.x(5000)).toBe(100);
  });
});

describe("formatDuration", () => {
  it("says a duration in the largest two units that fit", () => {
    expect([0, 250, 1500, 200_000, 90_061_000, 604_800_000].map(formatDuration)).toEqual([
      "0 ms",
      "250 ms",
      "1.5 s",
      "3 min 20 s",
      "1 d 1 h",
      "7 d",
    ]);
  });
});
