import { InvalidParameterValueError } from "./errors.js";

/**
 * The only source of time for the service: virtual in tests, real in the local server. Every
 * timestamp the service records and every timer it fires reads this clock.
 *
 * @example
 * const service = new DurableExecutionService({ clock: new VirtualClock() });
 */
export interface Clock {
  /** The current time, as a fresh `Date` the caller may keep. */
  now(): Date;
}

/** Where a {@link VirtualClock} starts when no start time is given. */
const DEFAULT_VIRTUAL_START = Date.parse("2025-01-01T00:00:00Z");

/**
 * A clock that moves only when told to, so a seven-day wait takes no real time. It never goes
 * backwards.
 *
 * @example
 * const clock = new VirtualClock();
 * clock.advanceTo(new Date("2025-01-08T00:00:00Z")); // a week later, instantly
 */
export class VirtualClock implements Clock {
  private time: number;

  /** @param start the first reading; 2025-01-01T00:00:00Z by default. */
  constructor(start?: Date) {
    this.time = start === undefined ? DEFAULT_VIRTUAL_START : checkedTime(start, "start");
  }

  /** The current virtual time. */
  now(): Date {
    return new Date(this.time);
  }

  /**
   * Moves the clock to `time`. Moving to the current time is allowed and does nothing.
   *
   * @throws InvalidParameterValueError if `time` is before the current time or not a valid date.
   */
  advanceTo(time: Date): void {
    const target = checkedTime(time, "advanceTo");
    if (target < this.time) {
      throw new InvalidParameterValueError(
        `VirtualClock.advanceTo: ${new Date(target).toISOString()} is before the current time ${new Date(this.time).toISOString()}; the clock only moves forward.`,
      );
    }
    this.time = target;
  }
}

function checkedTime(value: Date, what: string): number {
  const time = value instanceof Date ? value.getTime() : Number.NaN;
  if (Number.isNaN(time)) {
    throw new InvalidParameterValueError(
      `VirtualClock ${what}: expected a valid Date, got ${String(value)}.`,
    );
  }
  return time;
}
