import { DurableConfigError } from "../errors.js";

/**
 * How a retry delay is randomised, so that many failing executions do not retry in lockstep.
 * `FULL` picks from 0 to the delay, `HALF` from half the delay to the delay, `NONE` keeps it.
 */
export enum JitterStrategy {
  NONE = "NONE",
  FULL = "FULL",
  HALF = "HALF",
}

/** Checks a configured jitter; `where` names the builder in the error. */
export function requireJitter(value: unknown, where: string): JitterStrategy {
  const allowed = Object.values(JitterStrategy) as unknown[];
  if (!allowed.includes(value)) {
    throw new DurableConfigError(
      `${where}: jitter must be one of ${allowed.join(", ")}, got ${String(value)}.`,
    );
  }
  return value as JitterStrategy;
}

/** Applies a jitter strategy to a delay in seconds. */
export function applyJitter(seconds: number, jitter: JitterStrategy, random: () => number): number {
  if (jitter === JitterStrategy.NONE) return seconds;
  return jitter === JitterStrategy.FULL
    ? random() * seconds
    : seconds / 2 + (random() * seconds) / 2;
}
