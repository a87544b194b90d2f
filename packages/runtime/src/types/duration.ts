/**
 * A length of time for waits and retry delays. As in the official SDK, the type requires its
 * largest unit (`days`, `hours`, `minutes` or `seconds`), so `{}` does not compile; the runtime
 * also checks that every unit is a whole number and that the total is at least one second.
 *
 * @example
 * await context.wait("cool-down", { hours: 1, minutes: 30 });
 */
export type Duration =
  | { days: number; hours?: number; minutes?: number; seconds?: number }
  | { hours: number; minutes?: number; seconds?: number }
  | { minutes: number; seconds?: number }
  | { seconds: number };

/** Every unit a duration may have, for code that reads one whatever its largest unit. */
export type DurationUnits = { days?: number; hours?: number; minutes?: number; seconds?: number };
