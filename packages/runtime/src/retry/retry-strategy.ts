import { durationToSeconds } from "../duration.js";
import { DurableConfigError, requireWholeNumber } from "../errors.js";
import type { Duration } from "../types/duration.js";
import type { RetryStrategy } from "../types/retry.js";
import { applyJitter, JitterStrategy, requireJitter } from "./jitter.js";

/** Options of {@link createRetryStrategy}; every one has the official SDK's default. */
export interface RetryStrategyConfig {
  /** Attempts in all, the first included (default 3). */
  maxAttempts?: number;
  /** Delay before the second attempt (default 5 seconds). */
  initialDelay?: Duration;
  /** Upper bound of any delay (default 5 minutes). */
  maxDelay?: Duration;
  /** Each delay is the previous one times this (default 2). */
  backoffRate?: number;
  /** Randomisation of each delay (default FULL). */
  jitter?: JitterStrategy;
  /** Retry only errors whose message contains one of these strings or matches one of these patterns. */
  retryableErrors?: (string | RegExp)[];
  /** Retry only errors that are instances of one of these classes. */
  retryableErrorTypes?: (new (
    ...args: never[]
  ) => Error)[];
}

/**
 * Builds an exponential-backoff retry strategy. The delay before attempt n+1 is
 * `initialDelay × backoffRate^(n−1)`, capped at `maxDelay`, jittered, rounded to whole seconds and
 * never below 1 second. With `retryableErrors` or `retryableErrorTypes` set, an error matching
 * neither fails the step at once.
 *
 * @example
 * await context.step("charge", chargeCard, {
 *   retryStrategy: createRetryStrategy({ maxAttempts: 4, initialDelay: { seconds: 2 } }),
 * });
 */
export function createRetryStrategy(config: RetryStrategyConfig = {}): RetryStrategy {
  const backoffRate = config.backoffRate ?? 2;
  if (!(backoffRate >= 1)) {
    throw new DurableConfigError(
      `createRetryStrategy: backoffRate must be a number of 1 or more, got ${backoffRate}.`,
    );
  }
  return strategyFrom(
    config,
    "createRetryStrategy",
    { maxAttempts: 3, initialDelay: { seconds: 5 } },
    (attempt, initialSeconds) => initialSeconds * backoffRate ** (attempt - 1),
  );
}

/** Options of {@link createLinearRetryStrategy}. */
export interface LinearRetryStrategyConfig
  extends Pick<
    RetryStrategyConfig,
    | "maxAttempts"
    | "initialDelay"
    | "maxDelay"
    | "jitter"
    | "retryableErrors"
    | "retryableErrorTypes"
  > {
  /** Added to the delay after each attempt (default 1 second). */
  increment?: Duration;
}

/**
 * Builds a retry strategy whose delay grows by a fixed step: `initialDelay + increment × (n−1)`,
 * capped at `maxDelay` (default 6 attempts, 1 s initial, 1 s increment, 5 min cap, full jitter).
 *
 * @example
 * const strategy = createLinearRetryStrategy({ maxAttempts: 4, increment: { seconds: 10 } });
 */
export function createLinearRetryStrategy(config: LinearRetryStrategyConfig = {}): RetryStrategy {
  const incrementSeconds = durationToSeconds(
    config.increment ?? { seconds: 1 },
    "createLinearRetryStrategy increment",
  );
  return strategyFrom(
    config,
    "createLinearRetryStrategy",
    { maxAttempts: 6, initialDelay: { seconds: 1 } },
    (attempt, initialSeconds) => initialSeconds + incrementSeconds * (attempt - 1),
  );
}

/**
 * The part every strategy shares: the common options, validated (`where` names the builder in
 * errors); stop after `maxAttempts` or on an error the filters exclude; else cap the base delay
 * at `maxDelay`, jitter it, round it, and keep it at 1 second or more.
 */
function strategyFrom(
  config: LinearRetryStrategyConfig,
  where: string,
  defaults: { maxAttempts: number; initialDelay: Duration },
  baseDelaySeconds: (attempt: number, initialSeconds: number) => number,
): RetryStrategy {
  const maxAttempts = config.maxAttempts ?? defaults.maxAttempts;
  requireWholeNumber(maxAttempts, 1, `${where}: maxAttempts`);
  const jitter = requireJitter(config.jitter ?? JitterStrategy.FULL, where);
  const initialSeconds = durationToSeconds(
    config.initialDelay ?? defaults.initialDelay,
    `${where} initialDelay`,
  );
  const maxSeconds = durationToSeconds(config.maxDelay ?? { minutes: 5 }, `${where} maxDelay`);
  const messages = config.retryableErrors ?? [];
  const types = config.retryableErrorTypes ?? [];
  const isRetryable = (error: Error): boolean => {
    if (messages.length === 0 && types.length === 0) return true;
    const byMessage = messages.some((filter) =>
      typeof filter === "string" ? error.message.includes(filter) : filter.test(error.message),
    );
    return byMessage || types.some((type) => error instanceof type);
  };
  return (error, attemptCount) => {
    if (attemptCount >= maxAttempts || !isRetryable(error)) return { shouldRetry: false };
    const base = Math.min(baseDelaySeconds(attemptCount, initialSeconds), maxSeconds);
    const jittered = applyJitter(base, jitter, Math.random);
    return { shouldRetry: true, delay: { seconds: Math.max(1, Math.round(jittered)) } };
  };
}

/** What a step without a `retryStrategy` uses: 6 attempts, 5 s doubling to 60 s, full jitter. */
export const defaultRetryStrategy: RetryStrategy = /* @__PURE__ */ createRetryStrategy({
  maxAttempts: 6,
  initialDelay: { seconds: 5 },
  maxDelay: { seconds: 60 },
  backoffRate: 2,
  // The enum's value as a literal: a property read would keep these pure calls out of
  // tree-shaking, and every bundle would carry the presets it does not use.
  jitter: "FULL" as JitterStrategy.FULL,
});

/**
 * Ready-made strategies. `default` is what a step without a `retryStrategy` uses; `linear` waits
 * 1, 2, 3, 4, 5 seconds between 6 attempts; `noRetry` makes the first failure final.
 */
export const retryPresets = {
  default: defaultRetryStrategy,
  linear: /* @__PURE__ */ createLinearRetryStrategy({
    maxAttempts: 6,
    initialDelay: { seconds: 1 },
    increment: { seconds: 1 },
    jitter: "NONE" as JitterStrategy.NONE,
  }),
  noRetry: /* @__PURE__ */ createRetryStrategy({ maxAttempts: 1 }),
} satisfies Record<string, RetryStrategy>;
