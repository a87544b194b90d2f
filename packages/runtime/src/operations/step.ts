import type { ErrorObject, Operation } from "@aws-sdk/client-lambda";
import type { DurableContextImpl, OperationHandle } from "../context/durable-context.js";
import { runInStep } from "../context/scope.js";
import { never } from "../durable-promise.js";
import { durationToSeconds } from "../duration.js";
import {
  DurableConfigError,
  ensureError,
  PayloadTooLargeError,
  StepError,
  StepInterruptedError,
  toErrorObject,
} from "../errors.js";
import { defaultRetryStrategy } from "../retry/retry-strategy.js";
import { deserializeWith, serializeWith } from "../serdes.js";
import type { Serdes } from "../types/serdes.js";
import { type StepConfig, type StepFunc, StepSemantics } from "../types/step.js";

/** The largest result one operation may checkpoint (protocol.md §7). */
export const MAX_OPERATION_PAYLOAD_BYTES = 256 * 1024;

/**
 * `context.step` (protocol.md §5, "Step retry" and "Step semantics"). Each attempt checkpoints
 * START (awaited first for at-most-once), runs the body, and ends with SUCCEED, RETRY or FAIL as
 * the retry strategy decides.
 */
export function runStep<T>(
  context: DurableContextImpl,
  operation: OperationHandle,
  fn: StepFunc<T>,
  config: StepConfig<T>,
): Promise<T> {
  const retryStrategy = config.retryStrategy ?? defaultRetryStrategy;
  const atMostOnce = config.semantics === StepSemantics.AtMostOncePerRetry;
  const serdes = (config.serdes ?? context.serdesSettings.defaultSerdes) as Serdes<T>;

  return runAttempts(context, operation, serdes, StepError, async (record, attempt) => {
    let failure: Error;
    if (record?.Status === "STARTED" && atMostOnce) {
      failure = new StepInterruptedError(operation.id, operation.name);
    } else {
      // A STARTED step is already started: the service accepts no second START for it.
      if (record?.Status !== "STARTED") {
        const started = context.enqueue({ ...operation.update, Action: "START" });
        if (atMostOnce) await started;
      }
      const outcome = await runBody(context, operation, fn, attempt);
      if (!outcome.ok) {
        failure = outcome.error;
      } else {
        const payload = await serializeWith(serdes, outcome.value, operation);
        const tooLarge = payloadTooLarge(operation.what, payload);
        if (tooLarge === undefined) return { action: "SUCCEED", payload };
        failure = tooLarge;
      }
    }
    const error = toErrorObject(failure);
    // Retrying cannot shrink a result, so an oversized one fails the step at once. The decision
    // belongs to the attempt: its jitter is checkpointed like the body's result.
    const delaySeconds =
      failure instanceof PayloadTooLargeError
        ? undefined
        : inAttempt(operation, attempt, () =>
            decideRetry(retryStrategy, failure, attempt, operation.what),
          );
    return delaySeconds === undefined
      ? { action: "FAIL", error }
      : { action: "RETRY", error, delaySeconds };
  });
}

/** How an attempt of a STEP operation ends: the update that is checkpointed for it. */
export interface AttemptOutcome {
  action: "SUCCEED" | "RETRY" | "FAIL";
  payload?: string | undefined;
  error?: ErrorObject;
  /** RETRY only: when the next attempt is due. */
  delaySeconds?: number;
}

/**
 * The life of a STEP operation, shared by `step` and `waitForCondition`. A SUCCEEDED record
 * returns its result and a FAILED one throws, without running anything. A PENDING record (retry
 * scheduled) waits for the service to make it READY. Otherwise `attempt` runs the next attempt,
 * and its outcome is checkpointed and awaited before user code continues. The value returned is
 * always the deserialized checkpoint, so it is the same live and on replay.
 */
export async function runAttempts<T>(
  context: DurableContextImpl,
  operation: OperationHandle,
  serdes: Serdes<T>,
  failed: { fromErrorObject(error: ErrorObject | undefined): Error },
  attempt: (record: Operation | undefined, attempt: number) => Promise<AttemptOutcome>,
): Promise<T> {
  const { invocation } = context;
  let record = operation.record;
  if (context.mode === "rebuild" && record?.Status !== "SUCCEEDED" && record?.Status !== "FAILED") {
    return never();
  }
  for (;;) {
    if (record?.Status === "SUCCEEDED") {
      return deserializeWith(serdes, record.StepDetails?.Result, operation);
    }
    if (record?.Status === "FAILED") throw failed.fromErrorObject(record.StepDetails?.Error);
    if (record?.Status === "PENDING") {
      record = await invocation.waitForService(operation.id, (r) => r.Status !== "PENDING");
      continue;
    }
    // New, READY (a retry is due) or STARTED (an invocation died inside the body).
    const outcome = await attempt(record, (record?.StepDetails?.Attempt ?? 0) + 1);
    await context.enqueue({
      ...operation.update,
      Action: outcome.action,
      Payload: outcome.payload,
      Error: outcome.error,
      StepOptions:
        outcome.delaySeconds === undefined
          ? undefined
          : { NextAttemptDelaySeconds: outcome.delaySeconds },
    });
    if (outcome.action === "SUCCEED") return deserializeWith(serdes, outcome.payload, operation);
    if (outcome.action === "FAIL") throw failed.fromErrorObject(outcome.error);
    record = invocation.log.get(operation.id);
  }
}

type BodyOutcome<T> = { ok: true; value: T } | { ok: false; error: Error };

/** Runs one attempt's body in a step scope, with a logger that names the attempt. */
export async function runBody<T>(
  context: DurableContextImpl,
  operation: OperationHandle,
  fn: StepFunc<T>,
  attempt: number,
): Promise<BodyOutcome<T>> {
  const { invocation } = context;
  const logger = context.operationLogger({
    operationId: operation.id,
    operationName: operation.name,
    attempt,
  });
  const exit = invocation.enterStep();
  try {
    const value = await inAttempt(operation, attempt, () => fn({ logger, attempt }));
    return { ok: true, value };
  } catch (error) {
    return { ok: false, error: ensureError(error) };
  } finally {
    exit();
  }
}

/** Runs code of one attempt of the step (see `runInStep`). */
export function inAttempt<T>(operation: OperationHandle, attempt: number, fn: () => T): T {
  return runInStep(operation.what, `${operation.id}#${attempt}`, fn);
}

/** The delay in seconds before the next attempt, or undefined when the step must fail. */
function decideRetry(
  strategy: NonNullable<StepConfig<unknown>["retryStrategy"]>,
  error: Error,
  attempt: number,
  what: string,
): number | undefined {
  let decision: ReturnType<typeof strategy>;
  try {
    decision = strategy(error, attempt);
  } catch (strategyError) {
    throw new DurableConfigError(`${what}: the retry strategy threw: ${String(strategyError)}`, {
      cause: strategyError,
    });
  }
  if (decision?.shouldRetry !== true) return undefined;
  return decision.delay === undefined
    ? 1
    : durationToSeconds(decision.delay, `${what} retry delay`);
}

function payloadTooLarge(
  what: string,
  payload: string | undefined,
): PayloadTooLargeError | undefined {
  if (payload === undefined) return undefined;
  const bytes = Buffer.byteLength(payload, "utf8");
  if (bytes <= MAX_OPERATION_PAYLOAD_BYTES) return undefined;
  return new PayloadTooLargeError(
    `${what}: result is ${bytes} bytes once serialized; a step may checkpoint at most ${MAX_OPERATION_PAYLOAD_BYTES} bytes. ` +
      "Store large data elsewhere (S3, DynamoDB) and return a reference to it.",
  );
}
