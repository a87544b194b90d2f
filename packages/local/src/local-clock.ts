import { type Clock, InvalidParameterValueError } from "@durable-examples/service";

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
    const start = options.start === undefined ? undefined : checkedTime(options.start, "start");
    this.anchorTime = Math.max(this.anchorReal, start ?? 0);
  }

  now(): Date {
    return new Date(this.anchorTime + (this.realNow() - this.anchorReal) * this.speed);
  }

  /** Jumps forward to `time`; a time already passed changes nothing. */
  skipTo(time: Date): void {
    const target = checkedTime(time, "skipTo");
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

function checkedTime(value: Date, what: string): number {
  const time = value instanceof Date ? value.getTime() : Number.NaN;
  if (Number.isNaN(time)) {
    throw new InvalidParameterValueError(
      `LocalClock ${what}: expected a valid Date, got ${String(value)}.`,
    );
  }
  return time;
}
