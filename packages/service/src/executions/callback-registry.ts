import type {
  ErrorObject,
  Operation,
  SendDurableExecutionCallbackFailureRequest,
  SendDurableExecutionCallbackHeartbeatRequest,
} from "@aws-sdk/client-lambda";
import { copyData } from "../copy.js";
import {
  CallbackTimeoutError,
  InvalidParameterValueError,
  ResourceNotFoundError,
} from "../errors.js";
import { describeValue, errorBytes, errorObjectProblem, utf8Bytes } from "../fields.js";
import type { IdSource } from "../ids.js";
import type { ServiceLimits } from "../limits.js";
import { completeCallback, heartbeatCallback } from "../operations/callback.js";
import type { Execution } from "./execution.js";
import type { ExecutionStore } from "./execution-store.js";

/** SendDurableExecutionCallbackSuccess, with the body as bytes (client-lambda) or as text. */
export interface CallbackSuccessRequest {
  CallbackId: string | undefined;
  Result?: Uint8Array | string | undefined;
}

/** What each callback call is called in messages. */
const ACTIONS = {
  success: "send success for",
  failure: "send failure for",
  heartbeat: "send a heartbeat for",
} as const;

/**
 * The callback API (protocol.md §3 "Callbacks", §8): callback ids, service-wide, and the outside
 * calls that complete or keep alive the CALLBACK operation an id belongs to.
 *
 * Invariants: every id maps to the one operation it was issued for, and ids are never reused; an
 * id whose execution has been forgotten (retention) is not found.
 */
export class CallbackRegistry {
  private readonly owners = new Map<string, { executionArn: string; operationId: string }>();

  constructor(
    private readonly executions: ExecutionStore,
    private readonly limits: ServiceLimits,
    private readonly ids: IdSource,
  ) {}

  /** The callback id of the operation: derived, so a fork of the service issues the same one. */
  issue(execution: Execution, operationId: string): string {
    // An operation starts at most one callback (protocol.md §3), so the id is never reissued.
    const id = this.ids.callbackId(execution.arn, operationId);
    this.owners.set(id, { executionArn: execution.arn, operationId });
    return id;
  }

  /** Takes back the ids an execution restored from a snapshot was issued. */
  adopt(execution: Execution): void {
    for (const [operationId, deadlines] of execution.callbacks) {
      this.owners.set(deadlines.callbackId, { executionArn: execution.arn, operationId });
    }
  }

  /** SendDurableExecutionCallbackSuccess: SUCCEEDED, `Result` = the body as UTF-8 text. */
  succeed(request: CallbackSuccessRequest, now: Date): void {
    const result = this.resultText(request?.Result);
    const { execution, callback } = this.locate(request?.CallbackId, "success", now);
    completeCallback(execution, callback, { status: "SUCCEEDED", result }, now);
  }

  /** SendDurableExecutionCallbackFailure: FAILED with the error (`{}` when none is sent). */
  fail(request: SendDurableExecutionCallbackFailureRequest, now: Date): void {
    const error = this.checkedError(request?.Error);
    const { execution, callback } = this.locate(request?.CallbackId, "failure", now);
    completeCallback(execution, callback, { status: "FAILED", error }, now);
  }

  /** SendDurableExecutionCallbackHeartbeat: the heartbeat deadline starts again; no event. */
  heartbeat(request: SendDurableExecutionCallbackHeartbeatRequest, now: Date): void {
    const { execution, callback } = this.locate(request?.CallbackId, "heartbeat", now);
    heartbeatCallback(execution, callback, now);
  }

  /**
   * The running execution and STARTED callback an id names.
   *
   * Decisions where protocol.md is silent or *unconfirmed*:
   * - a timed-out callback gives `CallbackTimeoutException` (protocol.md §3), a heartbeat included;
   * - one that already succeeded or failed, or was cancelled, gives `InvalidParameterValueException`:
   *   the id is known, so not found would mislead, and the first answer stands;
   * - a STARTED callback of an execution that has ended gives `InvalidParameterValueException`
   *   naming the execution's status, as a checkpoint of an ended execution does.
   */
  private locate(
    callbackId: unknown,
    kind: keyof typeof ACTIONS,
    now: Date,
  ): { execution: Execution; callback: Operation } {
    if (typeof callbackId !== "string" || callbackId.length === 0) {
      throw new InvalidParameterValueError(
        `CallbackId must be the CallbackDetails.CallbackId of a CALLBACK operation, got ${describeValue(callbackId)}.`,
      );
    }
    const owner = this.owners.get(callbackId);
    const execution =
      owner === undefined ? undefined : this.executions.find(owner.executionArn, now);
    if (owner === undefined || execution === undefined) {
      throw new ResourceNotFoundError(
        `Callback not found: ${callbackId}. Use the CallbackDetails.CallbackId of a started CALLBACK operation.`,
      );
    }
    const callback = execution.operation(owner.operationId)!;
    const action = `Cannot ${ACTIONS[kind]} callback ${callbackId}`;
    switch (callback.Status) {
      case "TIMED_OUT":
        throw new CallbackTimeoutError(
          `${action}: it timed out at ${callback.EndTimestamp!.toISOString()} (${callback.CallbackDetails?.Error?.ErrorType}) and can no longer be completed.`,
        );
      case "SUCCEEDED":
      case "FAILED":
        throw new InvalidParameterValueError(
          `${action}: it has already completed with status ${callback.Status}; a callback completes only once.`,
        );
      case "CANCELLED":
        throw new InvalidParameterValueError(
          `${action}: its execution cancelled it, so it no longer takes answers.`,
        );
    }
    if (execution.status !== "RUNNING") {
      throw new InvalidParameterValueError(
        `${action}: its durable execution ${execution.arn} has ended with status ${execution.status}.`,
      );
    }
    return { execution, callback };
  }

  /** protocol.md §3: the result is the body as UTF-8 text, within the per-operation limit (§7). */
  private resultText(result: unknown): string | undefined {
    if (result === undefined) return undefined;
    let text: string;
    if (typeof result === "string") {
      text = result;
    } else if (result instanceof Uint8Array) {
      try {
        text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(result);
      } catch (error) {
        throw new InvalidParameterValueError(
          "Result must be UTF-8 text: the bytes sent are not valid UTF-8.",
          { cause: error },
        );
      }
    } else {
      throw new InvalidParameterValueError(
        `Result must be the callback's result as bytes (Uint8Array) or text (string), got ${describeValue(result)}.`,
      );
    }
    const bytes = utf8Bytes(text);
    if (bytes > this.limits.maxOperationPayloadBytes) {
      throw new InvalidParameterValueError(
        `Callback result payload size must be less than or equal to ${this.limits.maxOperationPayloadBytes} bytes, got ${bytes}.`,
      );
    }
    return text;
  }

  private checkedError(error: unknown): ErrorObject {
    if (error === undefined) return {};
    const problem = errorObjectProblem(error);
    if (problem !== undefined) throw new InvalidParameterValueError(`Error ${problem}.`);
    const bytes = errorBytes(error as ErrorObject);
    if (bytes > this.limits.maxErrorBytes) {
      throw new InvalidParameterValueError(
        `Error size must be less than or equal to ${this.limits.maxErrorBytes} bytes, got ${bytes}.`,
      );
    }
    return copyData(error as ErrorObject);
  }
}
