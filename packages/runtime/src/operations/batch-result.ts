import type { ErrorObject } from "@aws-sdk/client-lambda";
import {
  BatchCompletionError,
  ChildContextError,
  operationErrorFromObject,
  toErrorObject,
} from "../errors.js";
import { defaultSerdes } from "../serdes.js";
import {
  type BatchItem,
  BatchItemStatus,
  type BatchResult,
  type CompletionReason,
} from "../types/batch.js";
import type { Serdes } from "../types/serdes.js";

/** A `BatchResult` over a fixed list of items. */
export class BatchResultImpl<T> implements BatchResult<T> {
  constructor(
    readonly all: BatchItem<T>[],
    readonly completionReason: CompletionReason,
  ) {}

  get successCount(): number {
    return this.succeeded().length;
  }

  get failureCount(): number {
    return this.failed().length;
  }

  get startedCount(): number {
    return this.started().length;
  }

  get totalCount(): number {
    return this.all.length;
  }

  get hasFailure(): boolean {
    return this.failureCount > 0;
  }

  get status(): BatchItemStatus.SUCCEEDED | BatchItemStatus.FAILED {
    // A custom completion's verdict stands; otherwise any failed item fails the batch.
    const reason = this.completionReason;
    const failed =
      reason === "CUSTOM_COMPLETION_FAILED" ||
      (reason !== "CUSTOM_COMPLETION_SUCCEEDED" && this.hasFailure);
    return failed ? BatchItemStatus.FAILED : BatchItemStatus.SUCCEEDED;
  }

  // A succeeded item always has its result, a failed one its error (batch.ts sets them).
  succeeded(): (BatchItem<T> & { result: T })[] {
    return this.#withStatus(BatchItemStatus.SUCCEEDED) as (BatchItem<T> & { result: T })[];
  }

  failed(): (BatchItem<T> & { error: ChildContextError })[] {
    return this.#withStatus(BatchItemStatus.FAILED) as (BatchItem<T> & {
      error: ChildContextError;
    })[];
  }

  started(): (BatchItem<T> & { status: BatchItemStatus.STARTED })[] {
    return this.#withStatus(BatchItemStatus.STARTED) as (BatchItem<T> & {
      status: BatchItemStatus.STARTED;
    })[];
  }

  #withStatus(status: BatchItemStatus): BatchItem<T>[] {
    return this.all.filter((item) => item.status === status);
  }

  throwIfError(): void {
    const first = this.failed()[0]?.error;
    if (first !== undefined) throw first;
    if (this.status === BatchItemStatus.FAILED)
      throw new BatchCompletionError(this.completionReason);
  }

  getResults(): T[] {
    return this.succeeded().map((item) => item.result);
  }

  getErrors(): ChildContextError[] {
    return this.failed().map((item) => item.error);
  }

  /** The stored form: items with errors as `ErrorObject`s, each with its `Cause` chain. */
  toJSON(): StoredBatchResult {
    return {
      all: this.all.map((item) => ({
        ...item,
        error: item.error === undefined ? undefined : storedError(item.error),
      })),
      completionReason: this.completionReason,
    };
  }
}

/** An error as a batch result stores it: the official SDK's shape, with its causes nested. */
type StoredError = ErrorObject & { Cause?: StoredError };

/** How deep a cause chain is stored; a chain that loops stops here too. */
const MAX_STORED_CAUSES = 10;

/**
 * An item's error and its causes (protocol.md §6, as the official SDK stores them), so that
 * replay rebuilds the same chain: `getErrors()[0].cause` is the same `StepError` on every
 * invocation, and code that looks at it takes the same path.
 */
function storedError(error: Error, depth = 0): StoredError {
  const stored: StoredError = toErrorObject(error);
  if (error.cause instanceof Error && depth < MAX_STORED_CAUSES) {
    stored.Cause = storedError(error.cause, depth + 1);
  }
  return stored;
}

/** Rebuilds a stored error chain: durable error types as their classes, others as `Error`s. */
function rebuiltError(stored: StoredError): Error {
  let error: Error;
  if (stored.ErrorType !== undefined && isDurableErrorType(stored.ErrorType)) {
    error = operationErrorFromObject(stored);
  } else {
    error = new Error(stored.ErrorMessage ?? "");
    error.name = stored.ErrorType ?? "Error";
  }
  if (stored.Cause !== undefined) error.cause = rebuiltError(stored.Cause);
  return error;
}

const DURABLE_ERROR_TYPES = new Set([
  "StepError",
  "ChildContextError",
  "CallbackError",
  "CallbackExternalError",
  "CallbackTimeoutError",
  "CallbackSubmitterError",
  "InvokeError",
  "WaitForConditionError",
  "PromiseCombinatorError",
]);

function isDurableErrorType(type: string): boolean {
  return DURABLE_ERROR_TYPES.has(type);
}

/**
 * An item's error read back. Results stored before causes were kept hold the cause's type, or
 * a `ChildContextError` without `Cause`, at the top: they are wrapped as they were then.
 */
function itemError(stored: StoredError): ChildContextError {
  if (stored.ErrorType === "ChildContextError" && stored.Cause !== undefined) {
    return rebuiltError(stored) as ChildContextError;
  }
  if (stored.ErrorType === "ChildContextError") return ChildContextError.fromErrorObject(stored);
  return new ChildContextError(stored.ErrorMessage, rebuiltError(stored));
}

interface StoredBatchResult {
  all: { index: number; status: BatchItemStatus; result?: unknown; error?: StoredError }[];
  completionReason: CompletionReason;
}

/** JSON for a whole batch result, with item errors rebuilt as `ChildContextError`s. */
export const batchResultSerdes: Serdes<BatchResult<unknown>> = {
  serialize: defaultSerdes.serialize,
  deserialize: async (text) => {
    if (text === undefined) return undefined;
    const stored = JSON.parse(text) as StoredBatchResult;
    return new BatchResultImpl(
      stored.all.map(({ error, ...item }) =>
        error === undefined ? item : { ...item, error: itemError(error) },
      ),
      stored.completionReason,
    );
  },
};

/**
 * The summary stored instead of a batch result too large to checkpoint (protocol.md §5): counts,
 * the completion reason, and one character per item (`S`, `F`, or `-` for unfinished).
 */
export function batchSummary(
  type: "MapResult" | "ParallelResult",
  result: BatchResult<unknown>,
  itemCount: number,
): string {
  const statuses = Array.from({ length: itemCount }, () => "-");
  for (const item of result.all) {
    if (item.status === BatchItemStatus.SUCCEEDED) statuses[item.index] = "S";
    if (item.status === BatchItemStatus.FAILED) statuses[item.index] = "F";
  }
  return JSON.stringify({
    type,
    totalCount: result.totalCount,
    successCount: result.successCount,
    failureCount: result.failureCount,
    completionReason: result.completionReason,
    status: result.status,
    itemStatuses: statuses.join(""),
  });
}

/** The completion reason and item markers of a stored summary, if it is one. */
export function readBatchSummary(payload: string | undefined): {
  completionReason?: CompletionReason | undefined;
  itemStatuses?: string | undefined;
} {
  if (payload === undefined || payload === "") return {};
  try {
    const parsed = JSON.parse(payload) as { completionReason?: unknown; itemStatuses?: unknown };
    const { completionReason, itemStatuses } = parsed;
    return {
      completionReason:
        typeof completionReason === "string" ? (completionReason as CompletionReason) : undefined,
      itemStatuses: typeof itemStatuses === "string" ? itemStatuses : undefined,
    };
  } catch {
    return {};
  }
}
