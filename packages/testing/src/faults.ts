/**
 * A failure of one checkpoint call, as the runtime would see it from the Lambda service or the
 * network. Each must end as on Lambda: the invocation fails, the service invokes the function
 * again, and the execution completes with nothing lost.
 * - `throttling`: `TooManyRequestsException` (429), the request is not applied.
 * - `server-error`: `ServiceException` (500), the request is not applied.
 * - `network-error`: the connection drops before the request arrives.
 * - `lost-response`: the service applies the request, then the connection drops.
 * - `stale-token`: the request carries a token the service no longer accepts.
 * - `missing-token`: the service applies the request and answers without a `CheckpointToken`,
 *   so the function can checkpoint no more in this invocation (protocol.md §2, rule 3).
 */
export type CheckpointFaultKind =
  | "throttling"
  | "server-error"
  | "network-error"
  | "lost-response"
  | "stale-token"
  | "missing-token";

export const CHECKPOINT_FAULT_KINDS: readonly CheckpointFaultKind[] = [
  "throttling",
  "server-error",
  "network-error",
  "lost-response",
  "stale-token",
  "missing-token",
];

export interface CheckpointFault {
  /** The 1-based number of the checkpoint call, counted over the whole execution. */
  atCheckpoint: number;
  kind: CheckpointFaultKind;
}

/** Where a replay check kills an invocation: just before or just after a checkpoint is applied. */
export interface CrashPoint {
  atCheckpoint: number;
  when: "before-apply" | "after-apply";
}

/** A dropped connection: no HTTP status, as Node reports a reset socket. */
export function networkError(): Error {
  return Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
}
