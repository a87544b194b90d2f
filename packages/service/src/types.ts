import type { ErrorObject, Operation } from "@aws-sdk/client-lambda";
import type { Clock } from "./clock.js";
import type { ServiceLimits } from "./limits.js";

/**
 * How to build a {@link DurableExecutionService}.
 *
 * @example
 * const service = new DurableExecutionService({ clock: new VirtualClock(), region: "eu-west-1" });
 */
export interface ServiceOptions {
  /** The only source of time: a `VirtualClock` in tests, a `SystemClock` in the local server. */
  clock: Clock;
  /** Overrides of {@link DEFAULT_SERVICE_LIMITS}. */
  limits?: Partial<ServiceLimits>;
  /** The region in every ARN. Default `us-east-1`. */
  region?: string;
  /** The account in every ARN. Default `123456789012`. */
  accountId?: string;
  /**
   * Derive every id (tokens, request ids, execution names and ARNs, callback ids) from this text
   * instead of random bytes, so a service driven alike makes the same ids: for tests and recorded
   * histories. Never in a service others can reach: its ids become guessable.
   */
  idSeed?: string;
  /**
   * Keep what changed in each execution for {@link DurableExecutionService.takeJournalEntries},
   * so that a server can store each change as it happens instead of everything each time.
   */
  journal?: boolean;
  /**
   * Decides which version a CHAINED_INVOKE target runs, for a service that keeps versions (the
   * local server): it returns the version (or `$LATEST`), or throws a ServiceError that fails the
   * operation with that error. Without it, a qualifier is accepted and ignored and every target
   * runs the one registered configuration.
   */
  resolveInvokeVersion?: (target: ChainedInvokeTarget) => string;
}

/** The target of a CHAINED_INVOKE, as {@link ServiceOptions.resolveInvokeVersion} sees it. */
export interface ChainedInvokeTarget {
  functionName: string;
  /** The version, alias or `$LATEST` given after the name; undefined when unqualified. */
  qualifier?: string;
  durable: boolean;
}

/**
 * A durable function's `DurableConfig` (protocol.md §8). An execution keeps the configuration its
 * function had when it started.
 *
 * @example
 * service.registerFunction("orders", { executionTimeoutSeconds: 3600, retentionPeriodInDays: 7 });
 */
export interface FunctionConfig {
  /** `ExecutionTimeout`: whole seconds from 1 to 31,622,400. Default 86,400 (one day). */
  executionTimeoutSeconds?: number;
  /** `RetentionPeriodInDays`: days an ended execution stays readable, 1 to 90. Default 14. */
  retentionPeriodInDays?: number;
}

/**
 * How {@link DurableExecutionService.registerFunction} registers a function: its `DurableConfig`,
 * and whether it is durable. A durable function (the default) runs durable executions; a plain one
 * (`durable: false`) is only ever the target of a CHAINED_INVOKE, and the driver runs it (see
 * {@link FunctionInvocation}). The `DurableConfig` fields mean nothing for a plain function.
 *
 * @example
 * service.registerFunction("orders", { executionTimeoutSeconds: 3600 });
 * service.registerFunction("send-email", { durable: false });
 */
export interface FunctionRegistration extends FunctionConfig {
  /** Whether the function is durable. Default true. */
  durable?: boolean;
}

/**
 * The event the service hands to the durable function (protocol.md §1), with `Date` timestamps.
 *
 * @example
 * const { event } = service.beginInvocation(arn);
 * const output = await handler(JSON.parse(JSON.stringify(event)), lambdaContext);
 */
export interface DurableInvocationEvent {
  DurableExecutionArn: string;
  /** Seed token for the first checkpoint of this invocation. */
  CheckpointToken: string;
  /** The first page of operations in start order; page on with `GetDurableExecutionState`. */
  InitialExecutionState: { Operations: Operation[]; NextMarker?: string };
}

/**
 * One invocation of a durable function, as issued by {@link DurableExecutionService.beginInvocation}.
 *
 * @example
 * const { requestId, event } = service.beginInvocation(arn);
 */
export interface InvocationRequest {
  executionArn: string;
  /** The Lambda request id; pass it back to `endInvocation`. */
  requestId: string;
  event: DurableInvocationEvent;
}

/**
 * How an invocation ended, as reported to {@link DurableExecutionService.endInvocation}.
 * - `returned`: the handler returned `output`, which must be a `DurableInvocationOutput`
 *   (protocol.md §1); anything else fails the invocation.
 * - `threw`: the handler threw or the runtime crashed (for a crash use `ErrorType`
 *   `"Runtime.ExitError"`). Lambda invokes the function again.
 *
 * @example
 * service.endInvocation(arn, requestId, { kind: "returned", output: { Status: "PENDING" } });
 * service.endInvocation(arn, requestId, {
 *   kind: "threw",
 *   error: { ErrorType: "Runtime.ExitError", ErrorMessage: "Runtime exited with error: exit status 1" },
 * });
 */
export type InvocationOutcome =
  | { kind: "returned"; output: unknown }
  | { kind: "threw"; error: ErrorObject };

/**
 * One thing a running execution waits on, for messages such as "Execution can never finish:
 * waiting on …". Timer-driven kinds carry the time they end.
 *
 * @example
 * for (const work of service.pendingWork(arn)) {
 *   if (work.kind === "wait") console.log(`wait "${work.name}" ends at ${work.until.toISOString()}`);
 * }
 */
export type PendingWork =
  | { kind: "wait"; operationId: string; name?: string; until: Date }
  | { kind: "retry"; operationId: string; name?: string; until: Date; nextAttempt: number }
  | { kind: "invocation"; requestId?: string }
  /**
   * A STARTED callback. Only an outside call or a timer ends it: with neither `timeoutAt` nor
   * `heartbeatDeadline` it waits for ever unless someone answers it.
   */
  | {
      kind: "callback";
      operationId: string;
      name?: string;
      callbackId: string;
      /** When `CallbackOptions.TimeoutSeconds` runs out, if it was set. */
      timeoutAt?: Date;
      /** When `CallbackOptions.HeartbeatTimeoutSeconds` runs out without a heartbeat, if it was set. */
      heartbeatDeadline?: Date;
    }
  /** A STARTED chained invoke; `childExecutionArn` is set when its target is durable. */
  | {
      kind: "invoke";
      operationId: string;
      name?: string;
      /** The registered name of the target function. */
      functionName: string;
      childExecutionArn?: string;
    }
  /** A plain function a chained invoke called, not finished yet: the driver must run it. */
  | { kind: "function"; invocationId: string; functionName: string };

/**
 * A call of a plain (not durable) function, made by a CHAINED_INVOKE. The driver runs it: it takes
 * it from {@link DurableExecutionService.pendingFunctionInvocations}, calls
 * `beginFunctionInvocation`, runs the function with the parsed payload, then reports with
 * `endFunctionInvocation`.
 *
 * @example
 * for (const call of service.pendingFunctionInvocations()) {
 *   service.beginFunctionInvocation(call.invocationId);
 *   const result = await handlers[call.functionName](JSON.parse(call.payload ?? "null"));
 *   service.endFunctionInvocation(call.invocationId, { kind: "returned", result: JSON.stringify(result) });
 * }
 */
export interface FunctionInvocation {
  invocationId: string;
  /** The registered name of the function to run. */
  functionName: string;
  /** The version to run, when the service's `resolveInvokeVersion` chose one. */
  version?: string;
  /** The CHAINED_INVOKE's `Payload`: JSON text, or undefined for no input. */
  payload: string | undefined;
  /** The calling execution. */
  executionArn: string;
  /** The caller's CHAINED_INVOKE operation. */
  operationId: string;
}

/**
 * How a plain function invocation ended, as reported to
 * {@link DurableExecutionService.endFunctionInvocation}: it returned (`result` is the JSON text of
 * the return value, undefined for none) or it threw.
 *
 * @example
 * service.endFunctionInvocation(id, { kind: "returned", result: '{"sent":true}' });
 * service.endFunctionInvocation(id, { kind: "threw", error: { ErrorType: "Error", ErrorMessage: "SMTP down" } });
 */
export type FunctionInvocationOutcome =
  | { kind: "returned"; result: string | undefined }
  | { kind: "threw"; error: ErrorObject };

/**
 * One CALLBACK operation of an execution, as {@link DurableExecutionService.findCallbacks} lists
 * it. `name` is the operation's own name; a `waitForCallback` callback has none, and its
 * `parentId` names the CONTEXT that carries the user's name.
 *
 * @example
 * const approval = service.findCallbacks(arn).find((callback) => callback.name === "approval");
 */
export interface CallbackRecord {
  operationId: string;
  name?: string;
  parentId?: string;
  callbackId: string;
  /** The operation's status: STARTED while it waits, then SUCCEEDED, FAILED, TIMED_OUT or CANCELLED. */
  status: string;
  startedAt: Date;
}
