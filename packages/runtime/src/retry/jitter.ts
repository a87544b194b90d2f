/**
 * How a retry delay is randomised, so that many failing executions do not retry in lockstep.
 * `FULL` picks from 0 to the delay, `HALF` from half the delay to the delay, `NONE` keeps it.
 */
export const JitterStrategy = {
  NONE: "NONE",
  FULL: "FULL",
  HALF: "HALF",
} as const;
export type JitterStrategy = (typeof JitterStrategy)[keyof typeof JitterStrategy];

/** Applies a jitter strategy to a delay in seconds. */
export function applyJitter(seconds: number, jitter: JitterStrategy, random: () => number): number {
  if (jitter === "NONE") return seconds;
  return jitter === "FULL" ? random() * seconds : seconds / 2 + (random() * seconds) / 2;
}
