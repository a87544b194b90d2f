import type { ErrorObject, Operation, OperationUpdate } from "@aws-sdk/client-lambda";
import type { Execution } from "../executions/execution.js";
import { describeValue } from "../fields.js";
import {
  type ChainedInvokeEndStatus,
  chainedInvokeEnded,
  chainedInvokeStarted,
} from "../history/events.js";
import { FUNCTION_VERSION, INVOKE_TARGET_PATTERN } from "../ids.js";
import {
  isOptionsObject,
  newOperation,
  type OperationState,
  type OperationTypeModule,
  type ServiceEnvironment,
  startOnceOrCancelProblem,
  type UpdateVerdict,
} from "./operation-type.js";

/**
 * CHAINED_INVOKE (protocol.md §3): START → STARTED, and the service invokes
 * `ChainedInvokeOptions.FunctionName` with `Payload`: a durable target starts its own execution,
 * a plain target is run by the driver. When the target ends the operation becomes SUCCEEDED
 * (`Result` = the target's result) or FAILED / TIMED_OUT / STOPPED (`Error`), and the caller is
 * invoked again. CANCEL → CANCELLED, with no event (protocol.md §8), and the target is withdrawn.
 */
export const chainedInvokeOperation: OperationTypeModule = {
  type: "CHAINED_INVOKE",
  actions: ["START", "CANCEL"],

  check(update: OperationUpdate, current: OperationState | undefined): UpdateVerdict {
    const problem = startOnceOrCancelProblem(update, current);
    if (problem !== undefined) return { refused: problem };
    if (update.Action === "CANCEL") return { status: "CANCELLED" };
    const options = update.ChainedInvokeOptions;
    if (!isOptionsObject(options)) {
      return {
        refused: `ChainedInvokeOptions must be an object {FunctionName, TenantId?}, got ${describeValue(options)}`,
      };
    }
    const target = options?.FunctionName;
    if (typeof target !== "string" || !INVOKE_TARGET_PATTERN.test(target)) {
      return {
        refused: `START requires ChainedInvokeOptions.FunctionName, a function name, name:qualifier or function ARN, got ${describeValue(target)}`,
      };
    }
    const tenantId = options?.TenantId;
    if (tenantId !== undefined && (typeof tenantId !== "string" || tenantId.length === 0)) {
      return {
        refused: `ChainedInvokeOptions.TenantId must be a non-empty string, got ${describeValue(tenantId)}`,
      };
    }
    return { status: "STARTED" };
  },

  apply(
    update: OperationUpdate,
    execution: Execution,
    now: Date,
    environment: ServiceEnvironment,
  ): Operation {
    if (update.Action === "CANCEL") {
      const invoke = execution.operation(update.Id!)!;
      invoke.Status = "CANCELLED";
      invoke.EndTimestamp = new Date(now.getTime());
      environment.cancelInvokeTarget(execution, invoke.Id!, now);
      return invoke;
    }
    const invoke = newOperation(update, now);
    execution.addOperation(invoke);
    const options = update.ChainedInvokeOptions!;
    const functionName = options.FunctionName!;
    const start = environment.startInvokeTarget(
      execution,
      invoke,
      functionName,
      update.Payload,
      now,
    );
    const started = "started" in start ? start.started : undefined;
    if (started !== undefined) execution.invokes.set(invoke.Id!, started);
    execution.appendEvent(
      chainedInvokeStarted(invoke, now, {
        functionName,
        ...(options.TenantId === undefined ? {} : { tenantId: options.TenantId }),
        input: update.Payload,
        ...(started === undefined
          ? {}
          : { executedVersion: started.executedVersion ?? FUNCTION_VERSION }),
        ...(started?.childExecutionArn === undefined
          ? {}
          : { durableExecutionArn: started.childExecutionArn }),
      }),
    );
    if ("failed" in start) {
      // Decision: a target that cannot be invoked (unknown function, input that is not JSON)
      // fails the operation at once rather than the checkpoint, as Lambda's asynchronous invoke
      // would report it later. The response of this checkpoint already shows FAILED; the caller
      // is also invoked again, as after any completion, so a runtime that returned PENDING
      // before reading the response still learns of it.
      completeChainedInvoke(execution, invoke, { status: "FAILED", error: start.failed }, now);
    }
    return invoke;
  },

  fireTimer(): void {},

  isPending(invoke: Operation): boolean {
    return invoke.Status === "STARTED";
  },

  wantsInvocation(): boolean {
    return false;
  },
};

/** How a chained invoke's target ended. */
export type ChainedInvokeOutcome =
  | { status: "SUCCEEDED"; result: string | undefined }
  | { status: Exclude<ChainedInvokeEndStatus, "SUCCEEDED">; error: ErrorObject };

/**
 * Ends a STARTED chained invoke with its target's outcome: status, details, end time, event; the
 * caller sees the change in its next checkpoint response or invocation, and is invoked again.
 */
export function completeChainedInvoke(
  execution: Execution,
  invoke: Operation,
  outcome: ChainedInvokeOutcome,
  now: Date,
): void {
  invoke.Status = outcome.status;
  invoke.EndTimestamp = new Date(now.getTime());
  if (outcome.status === "SUCCEEDED") {
    invoke.ChainedInvokeDetails = outcome.result === undefined ? {} : { Result: outcome.result };
    execution.appendEvent(chainedInvokeEnded(invoke, "SUCCEEDED", now, { result: outcome.result }));
  } else {
    invoke.ChainedInvokeDetails = { Error: outcome.error };
    execution.appendEvent(
      chainedInvokeEnded(invoke, outcome.status, now, { error: outcome.error }),
    );
  }
  execution.noteServiceChange(invoke.Id!);
  execution.requestInvocation();
}
