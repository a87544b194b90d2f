import type { ChildContextError } from "../errors.js";
import type { DurableContext } from "./durable-context.js";
import type { Serdes } from "./serdes.js";

/** Where an item of a batch stands when the batch completes. */
export const BatchItemStatus = {
  SUCCEEDED: "SUCCEEDED",
  FAILED: "FAILED",
  STARTED: "STARTED",
} as const;
export type BatchItemStatus = (typeof BatchItemStatus)[keyof typeof BatchItemStatus];

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
export const NestingType = { NESTED: "NESTED", FLAT: "FLAT" } as const;
export type NestingType = (typeof NestingType)[keyof typeof NestingType];

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
  readonly all: BatchItem<T>[];
  readonly completionReason: CompletionReason;
  /** FAILED when an item failed (or a custom completion said so), else SUCCEEDED. */
  readonly status: "SUCCEEDED" | "FAILED";
  readonly hasFailure: boolean;
  readonly successCount: number;
  readonly failureCount: number;
  readonly startedCount: number;
  readonly totalCount: number;
  succeeded(): BatchItem<T>[];
  failed(): BatchItem<T>[];
  started(): BatchItem<T>[];
  /** Throws the first item's error, or `BatchCompletionError` for a failed custom completion. */
  throwIfError(): void;
  /** The results of the items that succeeded, in index order. */
  getResults(): T[];
  getErrors(): ChildContextError[];
}

/** Counts handed to a custom completion check after each item finishes. */
export interface BatchCompletionStatus {
  successCount: number;
  failureCount: number;
  completedCount: number;
  totalCount: number;
}

/** What a custom completion check decided; build it with `continueBatch` or `completeBatch`. */
export type BatchCompletionDecision =
  | { complete: false }
  | { complete: true; outcome: "SUCCEEDED" | "FAILED" };

/**
 * When a batch stops starting items and completes. With none of the fields set, the first
 * failure completes it (`FAILURE_TOLERANCE_EXCEEDED`).
 */
export interface CompletionConfig {
  /** Complete once this many items succeeded. */
  minSuccessful?: number;
  /** Complete once more than this many items failed. */
  toleratedFailureCount?: number;
  /** Complete once more than this share (0 to 100) of all items failed. */
  toleratedFailurePercentage?: number;
  /** Decide yourself after each item; overrides the fields above. */
  shouldComplete?: (status: BatchCompletionStatus) => BatchCompletionDecision;
}

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

export type MapFunction<I, T> = (
  context: DurableContext,
  item: I,
  index: number,
  items: I[],
) => Promise<T>;

export type ParallelFunction<T> = (context: DurableContext) => Promise<T>;

/** A parallel branch: a function, or a named one. */
export type ParallelBranch<T> = ParallelFunction<T> | { name?: string; func: ParallelFunction<T> };
