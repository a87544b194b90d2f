/**
 * One conformance requirement, loaded from `<suite>/<id>.yaml` with its `Variables` already
 * expanded everywhere. Expected values keep the matching syntax of conformance/README.md
 * (`'*'`, `{}`, `${PLACEHOLDER}`, `${/regex/}`); `match.ts` interprets it.
 */
export interface Requirement {
  /** The file stem, for example `1-17`. */
  readonly id: string;
  /** The folder the file is in, for example `step`. */
  readonly suite: string;
  /** The path the requirement was loaded from. */
  readonly file: string;
  readonly description: string;
  /** Prose: what the handler under test does. */
  readonly handler: string;
  /** Prose: what each invocation checkpoints. */
  readonly invocations: string;
  /** A failure is reported but does not fail the run. */
  readonly optional: boolean;
  /** `AsyncInvoke` or `async`: the execution suspends and is awaited to its end. */
  readonly async: boolean;
  /** The execution input as a JSON value; `Input:` with no value is null. */
  readonly input: unknown;
  /** The expanded value of each variable, by name. */
  readonly variables: Readonly<Record<string, string>>;
  readonly callbackActions: readonly CallbackAction[];
  readonly defaultRetryParameters: DefaultRetryParameters | undefined;
  readonly expectedResult: ExpectedResult | undefined;
  /** The events after `ExecutionStarted` (EventId 1), in file order. */
  readonly expectedHistory: readonly ExpectedEvent[];
  readonly expectedLogs: readonly ExpectedLog[];
}

export type ExecutionStatus = "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "STOPPED";

export interface ExpectedResult {
  readonly status: ExecutionStatus;
  /** `Result`: undefined when absent (not checked), null when written with no value or null. */
  readonly result: unknown;
  /** `Error`: undefined when absent. */
  readonly error: unknown;
}

/** An expected history event: field name to expected value, with a numeric `EventId`. */
export interface ExpectedEvent {
  readonly EventId: number;
  readonly EventType: string;
  readonly [field: string]: unknown;
}

export interface CallbackAction {
  /** The callback operation's Name, or `'*'` for any callback. */
  readonly callbackName: string;
  readonly operation: "success" | "failure" | "heartbeat";
  readonly payload: unknown;
  /** Seconds after the callback started; 0 when not given. */
  readonly delaySeconds: number;
}

/** The SDK default step retry strategy a requirement assumes, as written in the file. */
export interface DefaultRetryParameters {
  readonly MaxAttempts?: number;
  readonly InitialDelay?: string;
  readonly MaxDelay?: string;
  readonly BackoffRate?: number;
  readonly Jitter?: string;
}

export interface ExpectedLog {
  /** Log record field to a `/regex/` or an exact value. */
  readonly match: Readonly<Record<string, unknown>>;
  /** The exact number of captured log records whose fields all match. */
  readonly count: number;
}
