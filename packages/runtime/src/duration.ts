import { DurableConfigError, requireWholeNumber } from "./errors.js";
import type { Duration, DurationUnits } from "./types/duration.js";

const UNIT_SECONDS = { days: 86_400, hours: 3_600, minutes: 60, seconds: 1 } as const;
const UNITS = Object.keys(UNIT_SECONDS) as (keyof DurationUnits)[];

/**
 * The total of a duration in whole seconds. `what` names the operation in error messages, for
 * example `wait "cool-down"`.
 */
export function durationToSeconds(duration: Duration, what: string): number {
  if (typeof duration !== "object" || duration === null) {
    throw new DurableConfigError(
      `${what}: duration must be an object such as { seconds: 30 }, got ${JSON.stringify(duration)}.`,
    );
  }
  const unknown = Object.keys(duration).filter(
    (key) => !UNITS.includes(key as keyof DurationUnits),
  );
  if (unknown.length > 0) {
    throw new DurableConfigError(
      `${what}: unknown duration unit "${unknown[0]}". Allowed units: ${UNITS.join(", ")}.`,
    );
  }
  let total = 0;
  let given = 0;
  for (const unit of UNITS) {
    const value = (duration as DurationUnits)[unit];
    if (value === undefined) continue;
    given += 1;
    requireWholeNumber(value, 0, `${what}: duration ${unit}`);
    total += value * UNIT_SECONDS[unit];
  }
  if (given === 0) {
    throw new DurableConfigError(
      `${what}: duration needs at least one of ${UNITS.join(", ")}, got {}.`,
    );
  }
  if (total < 1) {
    throw new DurableConfigError(`${what}: duration must be at least 1 second, got ${total}.`);
  }
  return total;
}

/** {@link durationToSeconds} of a duration that may be left out. */
export function optionalSeconds(duration: Duration | undefined, what: string): number | undefined {
  return duration === undefined ? undefined : durationToSeconds(duration, what);
}
