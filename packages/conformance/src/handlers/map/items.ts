import type { BatchResult, DurableContext } from "@durable-examples/runtime";

/*
 * The map function and projection shared by the map requirements whose items succeed or fail.
 */

/** Returns the item, or fails when the item is "fail". */
export async function okOrFail(_context: DurableContext, item: string, index: number) {
  if (item === "fail") throw new Error(`item ${index} failed on purpose`);
  return item;
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
