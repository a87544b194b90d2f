import { InvalidParameterValueError } from "./errors.js";

/**
 * The size and count limits the service enforces. protocol.md §7 lists each value and whether it
 * is confirmed against Lambda; the emulator makes every one configurable.
 *
 * @example
 * new DurableExecutionService({ clock, limits: { maxOperationPayloadBytes: 1_048_576 } });
 */
export interface ServiceLimits {
  /** Largest `Payload` of one operation update, in UTF-8 bytes. Default 262,144 (256 KB). */
  maxOperationPayloadBytes: number;
  /** Largest `Error` of one update or stop request, as UTF-8 bytes of its JSON. Default 32,768. */
  maxErrorBytes: number;
  /** Most updates in one checkpoint request. Default 250. */
  maxUpdatesPerCheckpoint: number;
  /** Largest checkpoint request, estimated as the JSON length of `Updates`. Default 768,000. */
  maxCheckpointBytes: number;
  /** Operations put in the invocation event before `NextMarker` is set. Default 1,000. */
  initialStatePageSize: number;
  /** Consecutive failed invocations (threw or crashed) before the execution fails. Default 5. */
  maxInvocationAttempts: number;
}

/**
 * The limits used when {@link ServiceOptions.limits} leaves one out.
 *
 * @example
 * const bigger = { maxOperationPayloadBytes: DEFAULT_SERVICE_LIMITS.maxOperationPayloadBytes * 4 };
 */
export const DEFAULT_SERVICE_LIMITS: Readonly<ServiceLimits> = Object.freeze({
  maxOperationPayloadBytes: 262_144,
  maxErrorBytes: 32_768,
  maxUpdatesPerCheckpoint: 250,
  maxCheckpointBytes: 768_000,
  initialStatePageSize: 1_000,
  maxInvocationAttempts: 5,
});

/**
 * protocol.md §7: an execution's input arrives as an Invoke payload (6 MB) and its result leaves as
 * a handler response (6 MB); both are counted in UTF-8 bytes, as Lambda counts them. Not
 * configurable.
 */
export const MAX_PAYLOAD_BYTES = 6_291_456;

/**
 * What Lambda accepts as a handler's whole response: 6 MB and a little room, as its error for a
 * larger one says ("Response payload size exceeded maximum allowed payload size (6291556 bytes)").
 */
export const MAX_RESPONSE_BYTES = 6_291_556;

/** protocol.md §7 and the Lambda API reference: waits, retry delays and timeouts are ≤ 366 days. */
export const MAX_DURATION_SECONDS = 31_622_400;

/** Fills in defaults and rejects anything that is not a positive integer or not a known limit. */
export function resolveLimits(limits: Partial<ServiceLimits> = {}): ServiceLimits {
  const known = Object.keys(DEFAULT_SERVICE_LIMITS);
  for (const [key, value] of Object.entries(limits)) {
    if (!known.includes(key)) {
      throw new InvalidParameterValueError(
        `Unknown service limit "${key}". Known limits: ${known.join(", ")}.`,
      );
    }
    if (value !== undefined && !(Number.isSafeInteger(value) && value > 0)) {
      throw new InvalidParameterValueError(
        `Service limit ${key} must be a positive integer, got ${String(value)}.`,
      );
    }
  }
  const resolved = { ...DEFAULT_SERVICE_LIMITS };
  for (const [key, value] of Object.entries(limits)) {
    if (value !== undefined) resolved[key as keyof ServiceLimits] = value;
  }
  return resolved;
}
