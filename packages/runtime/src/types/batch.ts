import type { ChildContextError } from "../errors.js";
import type { DurableContext } from "./durable-context.js";
import type { DurableLogger } from "./logger.js";
import type { Serdes } from "./serdes.js";

/** Where an item of a batch stands when the batch completes. */
export enum BatchItemStatus {
  SUCCEEDED = "SUCCEEDED",
  FAILED = "FAILED",
  STARTED = "STARTED",
}

/** Why a batch completed. */
export const CompletionReason = {
  ALL_COMPLETED: "ALL_COMPLETED",
  MIN_SUCCESSFUL_REACHED: "MIN_SUCCESSFUL_REACHED",
  FAILURE_TOLERANCE_EXCEEDED: "FAILURE_TOLERANCE_EXCEEDED",
  CUSTOM_COMPLETION_SUCCEEDED: "CUSTOM_COMPLETION_SUCCEEDED",
  CUSTOM_COMPLETION_FAILED: "CUSTOM_COMPLETION_FAILED",
} as const;
export type CompletionReason = (typeof CompletionReason)[keyof typeof CompletionReason];

/** How items are checkpointed: each in a context of its own, or flat in the batch's context. */
export enum NestingType {
  NESTED = "NESTED",
  FLAT = "FLAT",
}

/** One item's outcome. */
export interface BatchItem<T> {
  index: number;
  status: BatchItemStatus;
  result?: T;
  error?: ChildContextError;
}

/**
 * The outcome of `map` or `parallel`. Items are in index order; only items that started appear,
 * and an item still running when the batch completed early is `STARTED`.
 */
export interface BatchResult<T> {
  all: BatchItem<T>[];
  completionReason: CompletionReason;
  /** FAILED when an item failed (or a custom completion said so), else SUCCEEDED. */
  status: BatchItemStatus.SUCCEEDED | BatchItemStatus.FAILED;
  hasFailure: boolean;
  successCount: number;
  failureCount: number;
  startedCount: number;
  totalCount: number;
  succeeded(): (BatchItem<T> & { result: T })[];
  failed(): (BatchItem<T> & { error: ChildContextError })[];
  started(): (BatchItem<T> & { status: BatchItemStatus.STARTED })[];
  /** Throws the first item's error, or `BatchCompletionError` for a failed custom completion. */
  throwIfError(): void;
  /** The results of the items that succeeded, in index order. */
  getResults(): T[];
  getErrors(): ChildContextError[];
}

/** One started item, as a custom completion check sees it. */
export interface CompletionItemStatus {
  index: number;
  name?: string;
  status?: BatchItemStatus;
}

/** What a custom completion check is handed after each item finishes. */
export interface CompletionStatus {
  successCount: number;
  failureCount: number;
  completedCount: number;
  totalCount: number;
  /** The items started so far, in index order. */
  items: readonly CompletionItemStatus[];
}

/** How a batch that a custom completion check ended is reported. */
export enum CompletionOutcome {
  SUCCEEDED = "SUCCEEDED",
  FAILED = "FAILED",
}

/**
 * What a custom completion check decided; build it with `continueBatch` or `completeBatch`. An
 * outcome left out means SUCCEEDED.
 */
export type CompletionDecision =
  | { complete: false }
  | { complete: true; outcome?: CompletionOutcome };

/**
 * Completion by thresholds. With none of the fields set, the first failure completes the batch
 * (`FAILURE_TOLERANCE_EXCEEDED`).
 */
export interface ThresholdCompletionConfig {
  /** Complete once this many items succeeded. */
  minSuccessful?: number;
  /** Complete once more than this many items failed. */
  toleratedFailureCount?: number;
  /** Complete once more than this share (0 to 100) of all items failed. */
  toleratedFailurePercentage?: number;
  shouldComplete?: never;
}

/** Completion decided by your own check, after each item finishes. */
export interface CustomCompletionConfig {
  shouldComplete: (status: CompletionStatus) => CompletionDecision;
  minSuccessful?: never;
  toleratedFailureCount?: never;
  toleratedFailurePercentage?: never;
}

/** When a batch stops starting items and completes: by thresholds or by a check of your own. */
export type CompletionConfig = ThresholdCompletionConfig | CustomCompletionConfig;

interface BatchConfig<T> {
  /** Items running at once (default: all). */
  maxConcurrency?: number;
  completionConfig?: CompletionConfig;
  /** Stores each item's result (JSON by default). */
  itemSerdes?: Serdes<T>;
  /** Stores the whole `BatchResult` (JSON by default). */
  serdes?: Serdes<BatchResult<T>>;
  /** For a result over 256 KB: the summary stored instead of it. */
  summaryGenerator?: (result: BatchResult<T>) => string;
  /** FLAT checkpoints no context per item: fewer operations, no per-item record. */
  nesting?: NestingType;
}

/** Options of `context.map`. */
export interface MapConfig<I, T> extends BatchConfig<T> {
  /** Names each item's operation (default `map-item-<index>`). */
  itemNamer?: (item: I, index: number) => string;
}

/** Options of `context.parallel`. */
export type ParallelConfig<T> = BatchConfig<T>;

/** The function `context.map` runs for each item, in a child context of its own. */
export type MapFunc<I, T, Logger extends DurableLogger> = (
  context: DurableContext<Logger>,
  item: I,
  index: number,
  items: I[],
) => Promise<T>;

/** A branch of `context.parallel`, run in a child context of its own. */
export type ParallelFunc<T, Logger extends DurableLogger = DurableLogger> = (
  context: DurableContext<Logger>,
) => Promise<T>;

/** A branch with a name for its operation. */
export interface NamedParallelBranch<T, Logger extends DurableLogger = DurableLogger> {
  name?: string;
  func: ParallelFunc<T, Logger>;
}

/** A parallel branch: a function, or a named one. */
export type ParallelBranch<T, Logger extends DurableLogger = DurableLogger> =
  | ParallelFunc<T, Logger>
  | NamedParallelBranch<T, Logger>;
