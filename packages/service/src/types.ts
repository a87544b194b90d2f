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
  | { kind: "invocation"; requestId?: string };
