import type { Duration } from "./duration.js";
import type { DurableContextLogger, DurableLogger } from "./logger.js";
import type { Serdes } from "./serdes.js";

/** What a wait strategy decided after a check. */
export type WaitForConditionDecision =
  | { shouldContinue: false }
  | { shouldContinue: true; delay: Duration };

/**
 * Decides, from the state a check returned, whether to check again and after how long.
 * `attempt` is the 1-based number of the check that just ran.
 */
export type WaitForConditionWaitStrategyFunc<T> = (
  state: T,
  attempt: number,
) => WaitForConditionDecision;

/** Options of `context.waitForCondition`. */
export interface WaitForConditionConfig<T> {
  /** The state the first check receives. */
  initialState: T;
  waitStrategy: WaitForConditionWaitStrategyFunc<T>;
  /** Stores the state between checks; JSON when left out. */
  serdes?: Serdes<T>;
}

/** What a check receives besides the state. */
export interface WaitForConditionContext<Logger extends DurableLogger = DurableLogger> {
  logger: DurableContextLogger<Logger>;
  attempt: number;
}

export type WaitForConditionCheckFunc<T, Logger extends DurableLogger = DurableLogger> = (
  state: T,
  context: WaitForConditionContext<Logger>,
) => T | Promise<T>;
