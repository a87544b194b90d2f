import { durationToSeconds } from "../duration.js";
import { DurableConfigError } from "../errors.js";
import type { Duration } from "../types/duration.js";
import type { RetryStrategy } from "../types/retry.js";
import { applyJitter, JitterStrategy } from "./jitter.js";

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
  const maxAttempts = validateMaxAttempts(config.maxAttempts ?? 3, "createRetryStrategy");
  const initialSeconds = durationToSeconds(
    config.initialDelay ?? { seconds: 5 },
    "createRetryStrategy initialDelay",
  );
  const maxSeconds = durationToSeconds(
    config.maxDelay ?? { minutes: 5 },
    "createRetryStrategy maxDelay",
  );
  const backoffRate = config.backoffRate ?? 2;
  if (!(backoffRate >= 1)) {
    throw new DurableConfigError(
      `createRetryStrategy: backoffRate must be a number of 1 or more, got ${backoffRate}.`,
    );
  }
  const jitter = validateJitter(config.jitter ?? JitterStrategy.FULL, "createRetryStrategy");
  return strategyFrom(config, maxAttempts, jitter, (attempt) =>
    Math.min(initialSeconds * backoffRate ** (attempt - 1), maxSeconds),
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
  const maxAttempts = validateMaxAttempts(config.maxAttempts ?? 6, "createLinearRetryStrategy");
  const initialSeconds = durationToSeconds(
    config.initialDelay ?? { seconds: 1 },
    "createLinearRetryStrategy initialDelay",
  );
  const incrementSeconds = durationToSeconds(
    config.increment ?? { seconds: 1 },
    "createLinearRetryStrategy increment",
  );
  const maxSeconds = durationToSeconds(
    config.maxDelay ?? { minutes: 5 },
    "createLinearRetryStrategy maxDelay",
  );
  const jitter = validateJitter(config.jitter ?? JitterStrategy.FULL, "createLinearRetryStrategy");
  return strategyFrom(config, maxAttempts, jitter, (attempt) =>
    Math.min(initialSeconds + incrementSeconds * (attempt - 1), maxSeconds),
  );
}

/**
 * The part every strategy shares: stop after `maxAttempts` or on an error the filters exclude,
 * else jitter the base delay, round it, and keep it at 1 second or more.
 */
function strategyFrom(
  filters: Pick<RetryStrategyConfig, "retryableErrors" | "retryableErrorTypes">,
  maxAttempts: number,
  jitter: JitterStrategy,
  baseDelaySeconds: (attempt: number) => number,
): RetryStrategy {
  const messages = filters.retryableErrors ?? [];
  const types = filters.retryableErrorTypes ?? [];
  const isRetryable = (error: Error): boolean => {
    if (messages.length === 0 && types.length === 0) return true;
    const byMessage = messages.some((filter) =>
      typeof filter === "string" ? error.message.includes(filter) : filter.test(error.message),
    );
    return byMessage || types.some((type) => error instanceof type);
  };
  return (error, attemptCount) => {
    if (attemptCount >= maxAttempts || !isRetryable(error)) return { shouldRetry: false };
    const jittered = applyJitter(baseDelaySeconds(attemptCount), jitter, Math.random);
    return { shouldRetry: true, delay: { seconds: Math.max(1, Math.round(jittered)) } };
  };
}

function validateMaxAttempts(value: number, where: string): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new DurableConfigError(
      `${where}: maxAttempts must be a whole number of 1 or more, got ${value}.`,
    );
  }
  return value;
}

function validateJitter(value: JitterStrategy, where: string): JitterStrategy {
  if (!Object.values(JitterStrategy).includes(value)) {
    throw new DurableConfigError(
      `${where}: jitter must be one of ${Object.values(JitterStrategy).join(", ")}, got ${String(value)}.`,
    );
  }
  return value;
}

/**
 * Ready-made strategies. `default` is what a step without a `retryStrategy` uses: 6 attempts,
 * 5 s initial delay, 60 s at most, doubling, full jitter. `linear` waits 1, 2, 3, 4, 5 seconds
 * between 6 attempts; `noRetry` makes the first failure final.
 */
export const retryPresets = {
  default: createRetryStrategy({
    maxAttempts: 6,
    initialDelay: { seconds: 5 },
    maxDelay: { seconds: 60 },
    backoffRate: 2,
    jitter: JitterStrategy.FULL,
  }),
  linear: createLinearRetryStrategy({
    maxAttempts: 6,
    initialDelay: { seconds: 1 },
    increment: { seconds: 1 },
    jitter: JitterStrategy.NONE,
  }),
  noRetry: createRetryStrategy({ maxAttempts: 1 }),
} satisfies Record<string, RetryStrategy>;
