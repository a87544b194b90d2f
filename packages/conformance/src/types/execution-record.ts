import type { Event } from "@aws-sdk/client-lambda";

/**
 * What the matcher needs from a finished run: the shape of the harness's `runDurable` result,
 * kept here so that matching does not depend on the harness.
 */
export interface ExecutionRecord {
  readonly status: string;
  /** The execution's result as a parsed JSON value; undefined when it has none. */
  readonly result?: unknown;
  /** The execution's ErrorObject when it failed. */
  readonly error?: unknown;
  /** `GetDurableExecutionHistory` events, EventId 1 being ExecutionStarted. */
  readonly history: readonly Event[];
  /** Every JSON log record the runtime's logger wrote, each with a `message` field. */
  readonly logs: readonly Readonly<Record<string, unknown>>[];
}
