import {
  type BatchItem,
  BatchItemStatus,
  type BatchResult,
  CompletionReason,
  type Serdes,
} from "@durable-examples/runtime";

const PREFIX = "OPSERDE:";

/**
 * The operation-level serdes of 9-19 and 9-20: it stores a whole map result of strings as
 * "OPSERDE:" and the comma-joined results ("OPSERDE:X,Y"), and reads that text back as a batch
 * result whose items all succeeded.
 */
export const joinedResultsSerdes: Serdes<BatchResult<string>> = {
  serialize: async (result) =>
    result === undefined ? undefined : `${PREFIX}${result.getResults().join(",")}`,
  deserialize: async (text) => {
    if (text === undefined) return undefined;
    if (!text.startsWith(PREFIX)) throw new Error(`expected "${PREFIX}..." but got "${text}"`);
    const joined = text.slice(PREFIX.length);
    return succeededBatch(joined === "" ? [] : joined.split(","));
  },
};

/** A batch result in which every one of `results` succeeded, in order. */
function succeededBatch(results: string[]): BatchResult<string> {
  const all: (BatchItem<string> & { result: string })[] = results.map((result, index) => ({
    index,
    status: BatchItemStatus.SUCCEEDED,
    result,
  }));
  return {
    all,
    completionReason: CompletionReason.ALL_COMPLETED,
    status: BatchItemStatus.SUCCEEDED,
    hasFailure: false,
    successCount: all.length,
    failureCount: 0,
    startedCount: 0,
    totalCount: all.length,
    succeeded: () => all,
    failed: () => [],
    started: () => [],
    throwIfError: () => {},
    getResults: () => [...results],
    getErrors: () => [],
  };
}
