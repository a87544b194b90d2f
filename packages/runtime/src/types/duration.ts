/**
 * A length of time for waits and retry delays. At least one unit is required; every given unit is
 * a whole number, and the total must be at least one second.
 *
 * @example
 * await context.wait("cool-down", { hours: 1, minutes: 30 });
 */
export interface Duration {
  days?: number;
  hours?: number;
  minutes?: number;
  seconds?: number;
}
