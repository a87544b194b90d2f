import type { DurableOperationError } from "../errors.js";
import type { DurableContext } from "./durable-context.js";
import type { DurableLogger } from "./logger.js";
import type { Serdes } from "./serdes.js";

/** Options of `context.runInChildContext`. */
export interface ChildConfig<T> {
  /** Stores the child's result; JSON when left out. */
  serdes?: Serdes<T>;
  /** The operation's SubType (default `RunInChildContext`); map and parallel set their own. */
  subType?: string;
  /**
   * For a result over 256 KB, which is not stored: a short summary to store instead. The full
   * result is rebuilt on replay by running the function again over its children's records.
   */
  summaryGenerator?: (result: T) => string;
  /**
   * Turns the function's error, rebuilt from its record as a durable error class, into the one
   * thrown, live and on replay (default: a `ChildContextError` with it as `cause`). The record
   * keeps the function's own error.
   */
  errorMapper?: (originalError: DurableOperationError) => DurableOperationError;
  /**
   * Run the function in a virtual context: no CONTEXT operation of its own, its operations
   * recorded under the caller's context (what FLAT nesting does for each batch item). Cheaper,
   * but its result is not stored: on replay the function runs again, its operations replaying.
   */
  virtualContext?: boolean;
}

export type ChildFunc<T, Logger extends DurableLogger = DurableLogger> = (
  context: DurableContext<Logger>,
) => Promise<T>;
