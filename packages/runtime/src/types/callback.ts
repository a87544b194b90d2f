import type { Duration } from "./duration.js";
import type { DurableContextLogger, DurableLogger } from "./logger.js";
import type { RetryStrategy } from "./retry.js";
import type { Serdes } from "./serdes.js";

/** Options of `context.createCallback`. */
export interface CreateCallbackConfig<T = string> {
  /** Fail with `CallbackTimeoutError` if no answer arrives in this time (default: never). */
  timeout?: Duration;
  /** Fail with `CallbackTimeoutError` if no answer or heartbeat arrives in this time. */
  heartbeatTimeout?: Duration;
  /** Reads the answer; by default the raw string the external system sent is returned. */
  serdes?: Omit<Serdes<T>, "serialize">;
}

/** Options of `context.waitForCallback`. */
export interface WaitForCallbackConfig<T = string> extends CreateCallbackConfig<T> {
  /** Retries of the submitter (default `retryPresets.default`). */
  retryStrategy?: RetryStrategy;
}

/** What the `waitForCallback` submitter receives besides the callback id. */
export interface WaitForCallbackContext<Logger extends DurableLogger = DurableLogger> {
  logger: DurableContextLogger<Logger>;
}

/** Hands the callback id to the system that will answer it. Runs as a step. */
export type CallbackSubmitter<Logger extends DurableLogger = DurableLogger> = (
  callbackId: string,
  context: WaitForCallbackContext<Logger>,
) => unknown;
