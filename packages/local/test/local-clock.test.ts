import { describe, expect, it } from "vitest";
import { LocalClock, SystemClock } from "../src/local-clock.js";

describe("SystemClock", () => {
  it("reads the wall clock", () => {
    const before = Date.now();
    const now = new SystemClock().now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});

describe("LocalClock", () => {
  it("runs speed times faster than the real clock and jumps forward on skipTo", () => {
    let real = Date.parse("2025-01-01T00:00:00Z");
    const clock = new LocalClock({ speed: 60, realNow: () => real });
    real += 1000;
    expect(clock.now().toISOString()).toBe("2025-01-01T00:01:00.000Z");
    expect(clock.realMsUntil(new Date("2025-01-01T00:02:00Z"))).toBe(1000);
    clock.skipTo(new Date("2025-01-08T00:00:00Z"));
    expect(clock.now().toISOString()).toBe("2025-01-08T00:00:00.000Z");
    clock.skipTo(new Date("2025-01-02T00:00:00Z"));
    expect(clock.now().toISOString()).toBe("2025-01-08T00:00:00.000Z");
  });

  it("starts no earlier than the time a previous server reached", () => {
    const real = Date.parse("2025-01-01T00:00:00Z");
    const clock = new LocalClock({ start: new Date("2025-03-01T00:00:00Z"), realNow: () => real });
    expect(clock.now().toISOString()).toBe("2025-03-01T00:00:00.000Z");
    expect(() => new LocalClock({ speed: 0 })).toThrow(
      "LocalClock speed must be a positive number, got 0.",
    );
  });
});
