import { type RetryDecision, StepError } from "@durable-examples/runtime";
import { ShippingError, WarehouseBusyError } from "./errors.js";

/** Every attempt counts, the first included: 1 try and up to 4 retries. */
export const MAX_ATTEMPTS = 5;
export const PICKUP_ATTEMPTS = 3;

/**
 * A step's retry strategy sees the error its attempt threw, class and fields intact, so it can
 * decide by type: a busy warehouse is retried when it asks, a timeout with exponential backoff,
 * and anything that is not a retryable `ShippingError` (out of stock, a bug) never.
 */
export function retryByType(error: Error, attemptCount: number): RetryDecision {
  if (!(error instanceof ShippingError) || !error.retryable || attemptCount >= MAX_ATTEMPTS) {
    return { shouldRetry: false };
  }
  if (error instanceof WarehouseBusyError) {
    return { shouldRetry: true, delay: { seconds: error.retryAfterSeconds } };
  }
  return { shouldRetry: true, delay: { seconds: 2 ** attemptCount } };
}

/** The name of the error a `StepError` records as its cause: all that is left of its class. */
export function causeName(error: Error): string | undefined {
  return error.cause instanceof Error ? error.cause.name : undefined;
}

/**
 * The strategy of a `withRetry` block sees the block's error after it went through the log: a
 * `StepError` rebuilt the same way live and on replay, whose cause is a plain `Error` named after
 * what the step threw. So it decides by that name; `instanceof PickupMissedError` would never match.
 */
export function retryMissedPickup(error: Error, attemptCount: number): RetryDecision {
  const missed = error instanceof StepError && causeName(error) === "PickupMissedError";
  return missed && attemptCount < PICKUP_ATTEMPTS
    ? { shouldRetry: true, delay: { minutes: 30 } }
    : { shouldRetry: false };
}
