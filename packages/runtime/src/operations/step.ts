import type { Operation } from "@aws-sdk/client-lambda";
import { currentDefaultSerdes } from "../configure.js";
import type { DurableContextImpl, OperationHandle } from "../context/durable-context.js";
import { runInScope } from "../context/scope.js";
import { durationToSeconds } from "../duration.js";
import {
  DurableConfigError,
  ensureError,
  PayloadTooLargeError,
  StepError,
  StepInterruptedError,
  toErrorObject,
} from "../errors.js";
import { createLogger } from "../logger.js";
import { retryPresets } from "../retry/retry-strategy.js";
import { deserializeWith, serializeWith } from "../serdes.js";
import type { Serdes } from "../types/serdes.js";
import { type StepConfig, type StepFunction, StepSemantics } from "../types/step.js";

/** The largest result one operation may checkpoint (protocol.md §7). */
export const MAX_OPERATION_PAYLOAD_BYTES = 256 * 1024;

/**
 * `context.step` (protocol.md §5, "Step retry" and "Step semantics").
 *
 * A SUCCEEDED record returns its result and a FAILED one throws its `StepError`, without running
 * the body. A PENDING record (retry scheduled) waits for the service to make it READY. Otherwise
 * the next attempt runs: START is checkpointed (awaited first for at-most-once), the body runs,
 * and SUCCEED, RETRY or FAIL is checkpointed and awaited before user code continues. The value
 * returned is always the deserialized checkpoint, so it is the same live and on replay.
 */
export async function runStep<T>(
  context: DurableContextImpl,
  operation: OperationHandle,
  fn: StepFunction<T>,
  config: StepConfig<T>,
): Promise<T> {
  const { invocation } = context;
  const what =
    operation.name === undefined ? `step ${operation.stepId}` : `step "${operation.name}"`;
  const serdes = (config.serdes ?? currentDefaultSerdes()) as Serdes<T>;
  const serdesContext = { entityId: operation.id, durableExecutionArn: invocation.executionArn };
  const retryStrategy = config.retryStrategy ?? retryPresets.default;
  const atMostOnce = config.semantics === StepSemantics.AtMostOncePerRetry;
  const { update } = operation;

  let record: Operation | undefined = operation.record;
  if (context.mode === "rebuild" && record?.Status !== "SUCCEEDED" && record?.Status !== "FAILED") {
    return new Promise<T>(() => {});
  }
  for (;;) {
    if (record?.Status === "SUCCEEDED") {
      return deserializeWith(serdes, record.StepDetails?.Result, serdesContext, what);
    }
    if (record?.Status === "FAILED") throw StepError.fromErrorObject(record.StepDetails?.Error);
    if (record?.Status === "PENDING") {
      record = await invocation.waitForService(operation.id, (r) => r.Status !== "PENDING");
      continue;
    }

    // New, READY (a retry is due) or STARTED (an invocation died inside the body).
    const attempt = (record?.StepDetails?.Attempt ?? 0) + 1;
    let failure: Error;
    if (record?.Status === "STARTED" && atMostOnce) {
      failure = new StepInterruptedError(operation.id, operation.name);
    } else {
      // A STARTED step is already started: the service accepts no second START for it.
      if (record?.Status !== "STARTED") {
        const started = context.enqueue({ ...update, Action: "START" });
        if (atMostOnce) await started;
      }
      const outcome = await runBody(context, operation, fn, attempt);
      if (outcome.ok) {
        const payload = await serializeWith(serdes, outcome.value, serdesContext, what);
        const tooLarge = payloadTooLarge(what, payload);
        if (tooLarge === undefined) {
          await context.enqueue({ ...update, Action: "SUCCEED", Payload: payload });
          return deserializeWith(serdes, payload, serdesContext, what);
        }
        failure = tooLarge;
      } else {
        failure = outcome.error;
      }
    }

    // Retrying cannot shrink a result, so an oversized one fails the step at once.
    const decision =
      failure instanceof PayloadTooLargeError
        ? undefined
        : decideRetry(retryStrategy, failure, attempt, what);
    const error = toErrorObject(failure);
    if (decision !== undefined) {
      await context.enqueue({
        ...update,
        Action: "RETRY",
        Error: error,
        StepOptions: { NextAttemptDelaySeconds: decision },
      });
      record = invocation.log.get(operation.id);
      continue;
    }
    await context.enqueue({ ...update, Action: "FAIL", Error: error });
    throw StepError.fromErrorObject(error);
  }
}

type BodyOutcome<T> = { ok: true; value: T } | { ok: false; error: Error };

export async function runBody<T>(
  context: DurableContextImpl,
  operation: OperationHandle,
  fn: StepFunction<T>,
  attempt: number,
): Promise<BodyOutcome<T>> {
  const { invocation } = context;
  const logger = createLogger(
    {
      executionArn: invocation.executionArn,
      requestId: invocation.requestId,
      operationId: operation.id,
      ...(operation.name === undefined ? {} : { operationName: operation.name }),
      attempt,
    },
    invocation.loggerConfig,
    () => false,
  );
  const exit = invocation.enterStep();
  try {
    const what =
      operation.name === undefined ? `step ${operation.stepId}` : `step "${operation.name}"`;
    const value = await runInScope({ kind: "step", operationId: operation.id, what }, () =>
      fn({ logger, attempt }),
    );
    return { ok: true, value };
  } catch (error) {
    return { ok: false, error: ensureError(error) };
  } finally {
    exit();
  }
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
  if (bytes > MAX_OPERATION_PAYLOAD_BYTES) {
    return new PayloadTooLargeError(
      `${what}: result is ${bytes} bytes once serialized; a step may checkpoint at most ${MAX_OPERATION_PAYLOAD_BYTES} bytes. ` +
        "Store large data elsewhere (S3, DynamoDB) and return a reference to it.",
    );
  }
  return undefined;
}
