import type { ErrorObject, Event, Operation } from "@aws-sdk/client-lambda";
import type { CallbackAnswer } from "./callbacks.js";
import type { CheckpointFault, CrashPoint } from "./faults.js";
import type { DurableHistory } from "./history/history-file.js";
import type { DurableRuntimeName } from "./runtimes.js";

/** Any Lambda handler: what `withDurableExecution` returns, from this repo's runtime or another. */
export type LambdaHandler = (event: never, context: never) => Promise<unknown>;

export type ExecutionStatus = "RUNNING" | "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "STOPPED";

/** A function `context.invoke` can call: durable (the default) or a plain Lambda handler. */
export interface FunctionRegistration {
  handler: LambdaHandler | ((event: never, context: never) => unknown);
  durable?: boolean;
  /** A durable function's ExecutionTimeout, in seconds (default one year). */
  executionTimeoutSeconds?: number;
}

/** Options of {@link runDurable}. */
export interface RunOptions {
  /** Declared answers to callbacks, by callback name. */
  callbacks?: CallbackAnswer[];
  /** Functions `context.invoke` can call, by function name: a handler, or `{ handler, durable: false }`. */
  functions?: Record<string, LambdaHandler | FunctionRegistration>;
  /** The execution's input, as JSON-compatible data. */
  input?: unknown;
  /** Name the function is registered under (default "durable-function"). */
  functionName?: string;
  /** The execution timeout (default one year, so long waits fit). */
  executionTimeoutSeconds?: number;
  /** Fail the run after this many invocations (default 1,000). */
  maxInvocations?: number;
  /**
   * Real time one invocation may take before the run fails, naming the operation that did not
   * settle (default 20,000 ms). Every wait in a run is virtual, so only a hang takes this long.
   */
  invocationTimeLimitMs?: number;
  /**
   * The function's `Timeout` in seconds, as configured in Lambda (default 900, the most Lambda
   * allows): `context.getRemainingTimeInMillis()` counts down from it in real time.
   */
  functionTimeoutSeconds?: number;
  /** Checkpoint failures to inject. */
  faults?: CheckpointFault[];
  /** Kill one invocation at a checkpoint, just before or just after it is applied. */
  crash?: CrashPoint;
  /** Shift the clock (`Date.now`, `new Date()`) and `Math.random` outside steps on every invocation after the first. */
  perturbReplays?: boolean;
  /** Ops the service puts in the invocation event before paging (default 1,000). */
  initialStatePageSize?: number;
}

/** One invocation of the handler, as the harness saw it. */
export interface InvocationRecord {
  index: number;
  requestId: string;
  start: Date;
  end: Date;
  /** SUCCEEDED, FAILED or PENDING when the handler returned; THREW or CRASHED otherwise. */
  outcome: "SUCCEEDED" | "FAILED" | "PENDING" | "THREW" | "CRASHED";
  error?: ErrorObject;
  checkpoints: number;
}

/** Everything a finished run exposes for assertions. */
export interface DurableRun {
  executionArn: string;
  /** The durable runtime the handler was built with, as the harness tells it (see `runtimes.ts`). */
  runtime: DurableRuntimeName | "unknown";
  status: ExecutionStatus;
  /** The parsed JSON result, or undefined. */
  result: unknown;
  /** The result as stored: JSON text. */
  resultPayload: string | undefined;
  error: ErrorObject | undefined;
  /** Every operation, in start order. */
  operations: Operation[];
  /** The events of `GetDurableExecutionHistory`. */
  history: Event[];
  invocations: InvocationRecord[];
  /** Log records the handler wrote (JSON lines parsed; other lines as `{level, message}`). */
  logs: Record<string, unknown>[];
  /** Checkpoint calls that reached the harness, over all invocations. */
  checkpointCount: number;
  /** Virtual time from start to end, in milliseconds. */
  elapsedMs: number;
  /** A readable account of what happened when. */
  timeline: string;
  /** The execution as a history file keeps it, to replay later against changed code. */
  toHistory(): DurableHistory;
  /** The first operation with this name; throws naming the known names if there is none. */
  getOperation(name: string): Operation;
}
