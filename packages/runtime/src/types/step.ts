import type { DurableContextLogger, DurableLogger } from "./logger.js";
import type { RetryStrategy } from "./retry.js";
import type { Serdes } from "./serdes.js";

/**
 * How often a step body may run per attempt when invocations die mid-step.
 * - `AtLeastOncePerRetry` (default): the body starts at once; a body interrupted by a crash runs
 *   again on the next invocation.
 * - `AtMostOncePerRetry`: the start is checkpointed before the body runs; an interrupted body is
 *   not run again, the attempt fails with `StepInterruptedError` and the retry strategy decides.
 */
export enum StepSemantics {
  AtMostOncePerRetry = "AT_MOST_ONCE_PER_RETRY",
  AtLeastOncePerRetry = "AT_LEAST_ONCE_PER_RETRY",
}

/** Options of `context.step`. */
export interface StepConfig<T> {
  /** Decides retries after a failed attempt; `retryPresets.default` when left out. */
  retryStrategy?: RetryStrategy;
  semantics?: StepSemantics;
  /** Stores the result; JSON when left out. */
  serdes?: Serdes<T>;
}

/** What a step body receives. */
export interface StepContext<Logger extends DurableLogger = DurableLogger> {
  /** Logs with the step's id, name and attempt. */
  logger: DurableContextLogger<Logger>;
  /** The 1-based number of the attempt running now. */
  attempt: number;
}

/** A step body. Unlike the official SDK's, it may also return its result synchronously. */
export type StepFunc<T, Logger extends DurableLogger = DurableLogger> = (
  context: StepContext<Logger>,
) => T | Promise<T>;
