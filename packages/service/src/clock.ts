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

/**
 * The wall clock, for the local server.
 *
 * @example
 * const service = new DurableExecutionService({ clock: new SystemClock() });
 */
export class SystemClock implements Clock {
  /** The current wall-clock time. */
  now(): Date {
    return new Date();
  }
}

function checkedTime(value: Date, what: string, clock = "VirtualClock"): number {
  const time = value instanceof Date ? value.getTime() : Number.NaN;
  if (Number.isNaN(time)) {
    throw new InvalidParameterValueError(
      `${clock} ${what}: expected a valid Date, got ${String(value)}.`,
    );
  }
  return time;
}

/**
 * The local server's clock: real time, optionally running `speed` times faster, and able to jump
 * forward (`skipTo`) when nothing runs, so that a three-day wait ends at once with `--skip-idle`.
 * It starts at the later of the wall clock and `start` (the time a restarted server had reached),
 * and never goes backwards.
 *
 * @example
 * const clock = new LocalClock({ speed: 60 }); // a minute of durable time per real second
 * const service = new DurableExecutionService({ clock });
 */
export class LocalClock implements Clock {
  /** How many milliseconds of clock time pass per real millisecond. */
  readonly speed: number;
  private readonly realNow: () => number;
  private anchorReal: number;
  private anchorTime: number;

  constructor(options: { speed?: number; start?: Date; realNow?: () => number } = {}) {
    const speed = options.speed ?? 1;
    if (!Number.isFinite(speed) || speed <= 0) {
      throw new InvalidParameterValueError(
        `LocalClock speed must be a positive number, got ${String(speed)}.`,
      );
    }
    this.speed = speed;
    this.realNow = options.realNow ?? Date.now;
    this.anchorReal = this.realNow();
    const start =
      options.start === undefined ? undefined : checkedTime(options.start, "start", "LocalClock");
    this.anchorTime = Math.max(this.anchorReal, start ?? 0);
  }

  now(): Date {
    return new Date(this.anchorTime + (this.realNow() - this.anchorReal) * this.speed);
  }

  /** Jumps forward to `time`; a time already passed changes nothing. */
  skipTo(time: Date): void {
    const target = checkedTime(time, "skipTo", "LocalClock");
    const now = this.now().getTime();
    if (target <= now) return;
    this.anchorReal = this.realNow();
    this.anchorTime = target;
  }

  /** Real milliseconds until the clock reads `time` (0 if it already has). */
  realMsUntil(time: Date): number {
    return Math.max(0, (time.getTime() - this.now().getTime()) / this.speed);
  }
}
