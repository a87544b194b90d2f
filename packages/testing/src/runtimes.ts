/**
 * The durable runtimes the harness knows, told apart without the test saying which:
 * - `@durable-examples/runtime` marks the handler `withDurableExecution` returns, and publishes
 *   which step attempt runs through a probe (`src/context/scope.ts` there).
 * - `@aws/durable-execution-sdk-js` (every release from 1.0.1 to 2.4.0; tested with 1.1.7 and
 *   2.4.0) is recognised as it runs: it keeps the operation running now in an
 *   `AsyncLocalStorage` store shaped `{contextId, parentId, attempt, durableExecutionMode}`, where
 *   `attempt` is set for a step attempt only. The harness watches `AsyncLocalStorage.run` for such
 *   stores: that is how it knows the handler's runtime and which step attempt code runs in.
 * Both take the harness's checkpoint client from the invocation event (see
 * {@link DurableExecutionInvocationInputWithClient}).
 */
export type DurableRuntimeName = "@durable-examples/runtime" | "@aws/durable-execution-sdk-js";

export const SUPPORTED_RUNTIMES =
  "@durable-examples/runtime, and @aws/durable-execution-sdk-js 1.0.1 to 2.4.0";

const RUNTIME_MARK = Symbol.for("durable-examples.runtime");

/** The runtime that marked this handler, if one did. */
export function markedRuntime(handler: unknown): DurableRuntimeName | undefined {
  const mark = (handler as { [RUNTIME_MARK]?: unknown } | null)?.[RUNTIME_MARK];
  return mark === "@durable-examples/runtime" ? mark : undefined;
}

/**
 * The invocation event with the harness's checkpoint client in it. The official SDK takes the
 * client from an event that passes its duck-typed check for its own (internal) class of this
 * name: the `toString` tag, the constructor's name, and a `durableExecutionClient` property, the
 * way its testing library hands one over (protocol.md §9). Our runtime reads
 * `durableExecutionClient` from any event.
 */
export class DurableExecutionInvocationInputWithClient {
  readonly DurableExecutionArn: string;
  readonly CheckpointToken: string;
  readonly InitialExecutionState: unknown;

  constructor(
    event: { DurableExecutionArn: string; CheckpointToken: string; InitialExecutionState: unknown },
    readonly durableExecutionClient: unknown,
  ) {
    this.DurableExecutionArn = event.DurableExecutionArn;
    this.CheckpointToken = event.CheckpointToken;
    this.InitialExecutionState = event.InitialExecutionState;
  }

  get [Symbol.toStringTag](): string {
    return "DurableExecutionInvocationInputWithClient";
  }
}

/** The official SDK's store for the operation running now: `attempt` is set in a step attempt. */
export interface OfficialOperationStore {
  contextId: unknown;
  attempt: unknown;
  durableExecutionMode: unknown;
}

export function isOfficialOperationStore(store: unknown): store is OfficialOperationStore {
  return (
    typeof store === "object" &&
    store !== null &&
    "contextId" in store &&
    "attempt" in store &&
    "durableExecutionMode" in store
  );
}
