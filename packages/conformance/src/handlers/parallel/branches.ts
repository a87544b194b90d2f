import type { BatchResult, DurableContext } from "@durable-examples/runtime";

/*
 * Branches and projections shared by the parallel requirements.
 */

/** A branch that returns `value` at once, without a durable operation. */
export function returns<T>(value: T): (context: DurableContext) => Promise<T> {
  return async () => value;
}

/** A branch that fails at once with an error naming it. */
export function fails(label: string): (context: DurableContext) => Promise<never> {
  return async () => {
    throw new Error(`${label} failed on purpose`);
  };
}

/** What the projection requirements return of a batch result. */
export function projection(result: BatchResult<unknown>) {
  return {
    completionReason: result.completionReason,
    status: result.status,
    successCount: result.successCount,
    failureCount: result.failureCount,
    totalCount: result.totalCount,
  };
}
