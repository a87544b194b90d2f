import { describe, expect, it } from "vitest";
import { durationToSeconds } from "../src/duration.js";

describe("durationToSeconds", () => {
  it("sums every unit into seconds", () => {
    expect(durationToSeconds({ days: 1, hours: 2, minutes: 3, seconds: 4 }, "wait")).toBe(93_784);
  });

  it("rejects a duration of zero", () => {
    expect(() => durationToSeconds({ seconds: 0 }, 'wait "cool-down"')).toThrow(
      'wait "cool-down": duration must be at least 1 second, got 0.',
    );
  });

  it("rejects fractions and negative values, naming the unit", () => {
    expect(() => durationToSeconds({ minutes: 1.5 }, "wait")).toThrow(
      "wait: duration minutes must be a whole number of 0 or more, got 1.5.",
    );
    expect(() => durationToSeconds({ seconds: -5 }, "wait")).toThrow("got -5");
  });

  it("rejects an empty duration and unknown units, listing the allowed ones", () => {
    expect(() => durationToSeconds({} as never, "wait")).toThrow(
      "wait: duration needs at least one of days, hours, minutes, seconds, got {}.",
    );
    expect(() => durationToSeconds({ weeks: 1 } as never, "wait")).toThrow(
      'wait: unknown duration unit "weeks". Allowed units: days, hours, minutes, seconds.',
    );
  });
});
