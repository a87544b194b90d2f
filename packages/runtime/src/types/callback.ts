import type { Duration } from "./duration.js";
import type { Logger } from "./logger.js";
import type { RetryStrategy } from "./retry.js";
import type { Serdes } from "./serdes.js";

/** Options of `context.createCallback`. */
export interface CreateCallbackConfig<T> {
  /** Fail with `CallbackTimeoutError` if no answer arrives in this time (default: never). */
  timeout?: Duration;
  /** Fail with `CallbackTimeoutError` if no answer or heartbeat arrives in this time. */
  heartbeatTimeout?: Duration;
  /** Reads the answer; by default the raw string the external system sent is returned. */
  serdes?: Serdes<T>;
}

/** Options of `context.waitForCallback`. */
export interface WaitForCallbackConfig<T> extends CreateCallbackConfig<T> {
  /** Retries of the submitter (default `retryPresets.default`). */
  retryStrategy?: RetryStrategy;
}

/** What the `waitForCallback` submitter receives besides the callback id. */
export interface WaitForCallbackContext {
  logger: Logger;
}

/** Hands the callback id to the system that will answer it. Runs as a step. */
export type CallbackSubmitter = (callbackId: string, context: WaitForCallbackContext) => unknown;
