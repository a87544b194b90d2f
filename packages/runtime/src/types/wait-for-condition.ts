import type { Duration } from "./duration.js";
import type { Logger } from "./logger.js";
import type { Serdes } from "./serdes.js";

/** What a wait strategy decided after a check. */
export type WaitForConditionDecision =
  | { shouldContinue: false }
  | { shouldContinue: true; delay: Duration };

/**
 * Decides, from the state a check returned, whether to check again and after how long.
 * `attempt` is the 1-based number of the check that just ran.
 */
export type WaitStrategy<T> = (state: T, attempt: number) => WaitForConditionDecision;

/** Options of `context.waitForCondition`. */
export interface WaitForConditionConfig<T> {
  /** The state the first check receives. */
  initialState: T;
  waitStrategy: WaitStrategy<T>;
  /** Stores the state between checks; JSON when left out. */
  serdes?: Serdes<T>;
}

/** What a check receives besides the state. */
export interface WaitForConditionContext {
  logger: Logger;
  attempt: number;
}

export type WaitForConditionCheck<T> = (
  state: T,
  context: WaitForConditionContext,
) => T | Promise<T>;
