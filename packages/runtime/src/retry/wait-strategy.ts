import { durationToSeconds } from "../duration.js";
import { DurableConfigError, requireWholeNumber } from "../errors.js";
import type { Duration } from "../types/duration.js";
import type { WaitForConditionWaitStrategyFunc } from "../types/wait-for-condition.js";
import { applyJitter, JitterStrategy, requireJitter } from "./jitter.js";

/** Options of {@link createWaitStrategy}; every one but the predicate has the official default. */
export interface WaitStrategyConfig<T> {
  /** True while the state says "not yet": keep polling. */
  shouldContinuePolling: (state: T) => boolean;
  /** Checks in all before giving up (default 60). */
  maxAttempts?: number;
  /** Delay after the first check (default 5 seconds). */
  initialDelay?: Duration;
  /** Upper bound of any delay (default 300 seconds). */
  maxDelay?: Duration;
  /** Each delay is the previous one times this (default 1.5). */
  backoffRate?: number;
  /** Randomisation of each delay (default FULL). */
  jitter?: JitterStrategy;
}

/**
 * Builds a polling strategy for `waitForCondition`: stop as soon as `shouldContinuePolling`
 * returns false, otherwise wait `initialDelay × backoffRate^(n−1)` (capped, jittered, at least
 * 1 second). After `maxAttempts` checks it throws, which fails the operation.
 *
 * @example
 * const strategy = createWaitStrategy({ shouldContinuePolling: (job: Job) => job.status === "RUNNING" });
 */
export function createWaitStrategy<T>(
  config: WaitStrategyConfig<T>,
): WaitForConditionWaitStrategyFunc<T> {
  if (typeof config?.shouldContinuePolling !== "function") {
    throw new DurableConfigError(
      "createWaitStrategy: shouldContinuePolling must be a function of the state.",
    );
  }
  const maxAttempts = config.maxAttempts ?? 60;
  requireWholeNumber(maxAttempts, 1, "createWaitStrategy: maxAttempts");
  const initialSeconds = durationToSeconds(
    config.initialDelay ?? { seconds: 5 },
    "createWaitStrategy initialDelay",
  );
  const maxSeconds = durationToSeconds(
    config.maxDelay ?? { seconds: 300 },
    "createWaitStrategy maxDelay",
  );
  const backoffRate = config.backoffRate ?? 1.5;
  const jitter = requireJitter(config.jitter ?? JitterStrategy.FULL, "createWaitStrategy");
  return (state, attempt) => {
    if (!config.shouldContinuePolling(state)) return { shouldContinue: false };
    if (attempt >= maxAttempts) {
      throw new Error(
        `waitForCondition gave up after ${maxAttempts} checks: the condition never held.`,
      );
    }
    const base = Math.min(initialSeconds * backoffRate ** (attempt - 1), maxSeconds);
    return {
      shouldContinue: true,
      delay: { seconds: Math.max(1, Math.round(applyJitter(base, jitter, Math.random))) },
    };
  };
}
