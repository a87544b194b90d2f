import type { ErrorObject } from "@aws-sdk/client-lambda";

/** A length of virtual time, as the runtime's `Duration`. */
export interface Duration {
  days?: number;
  hours?: number;
  minutes?: number;
  seconds?: number;
}

/**
 * What the outside world does to a callback, declared before the run. Each answer applies to every
 * callback whose operation name matches (`"*"` matches any; an unnamed callback inside
 * `waitForCallback` goes by the waitForCallback's name), `after` its start in virtual time.
 */
export type CallbackAnswer =
  | { name: string; succeed: unknown; after?: Duration }
  | { name: string; fail: ErrorObject | string; after?: Duration }
  | { name: string; heartbeat: true; after?: Duration }
  | { name: string; never: true };

export function durationMs(duration: Duration | undefined, what: string): number {
  if (duration === undefined) return 0;
  let total = 0;
  for (const [unit, ms] of [
    ["days", 86_400_000],
    ["hours", 3_600_000],
    ["minutes", 60_000],
    ["seconds", 1_000],
  ] as const) {
    const value = duration[unit];
    if (value === undefined) continue;
    if (typeof value !== "number" || !(value >= 0)) {
      throw new TypeError(`${what}: ${unit} must be a number of 0 or more, got ${String(value)}.`);
    }
    total += value * ms;
  }
  return total;
}

/** The body `SendDurableExecutionCallbackSuccess` carries: strings as they are, anything else as JSON. */
export function callbackResult(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === "string" ? value : JSON.stringify(value);
}

export function callbackError(error: ErrorObject | string | undefined): ErrorObject | undefined {
  return typeof error === "string" ? { ErrorMessage: error } : error;
}

export function describeAnswer(answer: CallbackAnswer): string {
  if ("succeed" in answer) return "succeed";
  if ("fail" in answer) return "fail";
  if ("heartbeat" in answer) return "heartbeat";
  return "never";
}
