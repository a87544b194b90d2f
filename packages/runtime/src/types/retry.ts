import type { Duration } from "./duration.js";

/** What a retry strategy decided after a failed attempt. */
export interface RetryDecision {
  shouldRetry: boolean;
  /** How long to wait before the next attempt; 1 second when left out. */
  delay?: Duration;
}

/**
 * Decides whether a failed step attempt is retried. `attemptCount` is the 1-based number of the
 * attempt that just failed, so `maxAttempts: 3` allows attempts 1, 2 and 3.
 */
export type RetryStrategy = (error: Error, attemptCount: number) => RetryDecision;
