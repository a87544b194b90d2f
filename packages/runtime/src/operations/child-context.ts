import type { ErrorObject } from "@aws-sdk/client-lambda";
import type {
  ContextMode,
  DurableContextImpl,
  OperationHandle,
} from "../context/durable-context.js";
import { runInContext } from "../context/scope.js";
import {
  ChildContextError,
  type DurableOperationError,
  ensureError,
  operationErrorFromObject,
  StepError,
  toErrorObject,
} from "../errors.js";
import { deserializeWith, serializeWith } from "../serdes.js";
import type { ChildConfig, ChildFunc } from "../types/child-context.js";
import type { Serdes } from "../types/serdes.js";
import { MAX_OPERATION_PAYLOAD_BYTES } from "./step.js";

/**
 * `context.runInChildContext` (protocol.md §5). The function's operations get ids under the
 * child's own step id, so they can run concurrently with the parent's without disturbing each
 * other's order.
 *
 * Replay: SUCCEEDED returns the stored result without running the function; FAILED throws the
 * same `ChildContextError`. SUCCEEDED with `ReplayChildren` (a result too large to store) runs the
 * function again in rebuild mode, where every child operation returns its record and nothing
 * runs twice. Otherwise the function runs, replaying what its children already recorded.
 */
export async function runChildContext<T>(
  parent: DurableContextImpl,
  operation: OperationHandle,
  fn: ChildFunc<T>,
  config: ChildConfig<T>,
): Promise<T> {
  const { invocation } = parent;
  const { record } = operation;
  const serdes = (config.serdes ?? parent.serdesSettings.defaultSerdes) as Serdes<T>;
  const rebuild = record?.Status === "SUCCEEDED" && record.ContextDetails?.ReplayChildren === true;

  if (record?.Status === "SUCCEEDED" && !rebuild) {
    return deserializeWith(serdes, record.ContextDetails?.Result, operation);
  }
  if (record?.Status === "FAILED") {
    throw childContextFailure(record.ContextDetails?.Error, config.errorMapper);
  }

  const { update } = operation;
  if (record === undefined) void parent.enqueue({ ...update, Action: "START" });

  const mode: ContextMode = rebuild || parent.mode === "rebuild" ? "rebuild" : "normal";
  const child = parent.child(operation, mode);
  let value: T;
  try {
    value = await runInContext(child, () => fn(child));
  } catch (thrown) {
    if (invocation.isOver) throw thrown;
    // The function's own error is recorded; `errorMapper` applies to what is thrown, live and
    // on replay alike, as in the official SDK.
    const recorded = toErrorObject(ensureError(thrown));
    // Queued, not awaited (as the official SDK): the outcome shares a request with whatever the
    // parent starts next, and the handler drains the queue before it returns.
    void child.enqueue({ ...update, Action: "FAIL", Error: recorded });
    throw childContextFailure(recorded, config.errorMapper);
  }
  if (rebuild) return value;

  const payload = await serializeWith(serdes, value, operation);
  if (payload !== undefined && Buffer.byteLength(payload, "utf8") > MAX_OPERATION_PAYLOAD_BYTES) {
    void child.enqueue({
      ...update,
      Action: "SUCCEED",
      Payload: config.summaryGenerator?.(value) ?? "",
      ContextOptions: { ReplayChildren: true },
    });
    return value;
  }
  void child.enqueue({ ...update, Action: "SUCCEED", Payload: payload });
  return deserializeWith(serdes, payload, operation);
}

/**
 * A virtual child context (protocol.md §4): `runInChildContext` with `virtualContext: true`, and
 * each unit of a FLAT map or parallel. It takes a position but is never checkpointed; its
 * operations are recorded under the parent's context, and on replay the function runs again,
 * its operations returning their records. A failure is thrown as a nested context's would be.
 */
export async function runVirtualChildContext<T>(
  parent: DurableContextImpl,
  fn: ChildFunc<T>,
  errorMapper?: (error: DurableOperationError) => Error,
): Promise<T> {
  const child = parent.virtualChild();
  try {
    return await runInContext(child, () => fn(child));
  } catch (error) {
    if (parent.invocation.isOver) throw error;
    throw childContextFailure(toErrorObject(ensureError(error)), errorMapper);
  }
}

/**
 * What a child context whose function failed with `recorded` throws, live and on replay: the
 * recorded error rebuilt as its durable error class (an unknown type as `StepError`, as the
 * official SDK does), then passed to `errorMapper` or wrapped in a `ChildContextError`. So
 * `error.cause` is the same `StepError` (or `CallbackError`, ...) on every invocation.
 */
export function childContextFailure(
  recorded: ErrorObject | undefined,
  errorMapper?: (error: DurableOperationError) => Error,
): Error {
  if (recorded === undefined) return new ChildContextError(ChildContextError.defaultMessage);
  const original = operationErrorFromObject(recorded, StepError);
  if (errorMapper !== undefined) return errorMapper(original);
  return new ChildContextError(original.message, original);
}
