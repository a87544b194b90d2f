import type { Operation } from "@aws-sdk/client-lambda";
import { currentDefaultSerdes } from "../configure.js";
import type { DurableContextImpl, OperationHandle } from "../context/durable-context.js";
import { durationToSeconds } from "../duration.js";
import {
  DurableConfigError,
  ensureError,
  toErrorObject,
  WaitForConditionError,
} from "../errors.js";
import { deserializeWith, serializeWith } from "../serdes.js";
import type { Serdes } from "../types/serdes.js";
import type { WaitForConditionCheck, WaitForConditionConfig } from "../types/wait-for-condition.js";
import { runBody } from "./step.js";

/**
 * `context.waitForCondition` (protocol.md §5): one STEP whose attempts are checks. Each check
 * gets the state the previous one left (the first gets `initialState`), and the wait strategy
 * decides: RETRY carries the new state and a delay, SUCCEED the final state. A check or strategy
 * that throws fails the operation at once, with no retry.
 *
 * Replay: a finished operation returns its final state or throws its `WaitForConditionError`;
 * one waiting for its next check suspends; the next check reads the state from the record.
 */
export async function runWaitForCondition<T>(
  context: DurableContextImpl,
  operation: OperationHandle,
  check: WaitForConditionCheck<T>,
  config: WaitForConditionConfig<T>,
): Promise<T> {
  const what =
    operation.name === undefined
      ? `waitForCondition ${operation.stepId}`
      : `waitForCondition "${operation.name}"`;
  if (typeof config?.waitStrategy !== "function" || !("initialState" in config)) {
    throw new DurableConfigError(`${what}: config needs initialState and a waitStrategy function.`);
  }
  const { invocation } = context;
  const serdes = (config.serdes ?? currentDefaultSerdes()) as Serdes<T>;
  const serdesContext = { entityId: operation.id, durableExecutionArn: invocation.executionArn };
  const { update } = operation;

  let record: Operation | undefined = operation.record;
  if (context.mode === "rebuild" && record?.Status !== "SUCCEEDED" && record?.Status !== "FAILED") {
    return new Promise<T>(() => {});
  }
  for (;;) {
    if (record?.Status === "SUCCEEDED") {
      return deserializeWith(serdes, record.StepDetails?.Result, serdesContext, what);
    }
    if (record?.Status === "FAILED")
      throw WaitForConditionError.fromErrorObject(record.StepDetails?.Error);
    if (record?.Status === "PENDING") {
      record = await invocation.waitForService(operation.id, (r) => r.Status !== "PENDING");
      continue;
    }

    const attempt = (record?.StepDetails?.Attempt ?? 0) + 1;
    const state =
      record?.StepDetails?.Result === undefined
        ? config.initialState
        : await deserializeWith(serdes, record.StepDetails.Result, serdesContext, what);
    if (record?.Status !== "STARTED") void context.enqueue({ ...update, Action: "START" });
    const outcome = await runBody(
      context,
      operation,
      (stepContext) => check(state, stepContext),
      attempt,
    );
    let failure: Error | undefined = outcome.ok ? undefined : outcome.error;
    let delaySeconds: number | undefined;
    if (outcome.ok) {
      try {
        const decision = config.waitStrategy(outcome.value, attempt);
        if (decision.shouldContinue)
          delaySeconds = durationToSeconds(decision.delay, `${what} delay`);
      } catch (error) {
        if (error instanceof DurableConfigError) throw error;
        failure = ensureError(error);
      }
    }
    if (failure !== undefined) {
      const error = toErrorObject(failure);
      await context.enqueue({ ...update, Action: "FAIL", Error: error });
      throw WaitForConditionError.fromErrorObject(error);
    }
    const payload = await serializeWith(
      serdes,
      (outcome as { value: T }).value,
      serdesContext,
      what,
    );
    if (delaySeconds === undefined) {
      await context.enqueue({ ...update, Action: "SUCCEED", Payload: payload });
      return deserializeWith(serdes, payload, serdesContext, what);
    }
    await context.enqueue({
      ...update,
      Action: "RETRY",
      Payload: payload,
      StepOptions: { NextAttemptDelaySeconds: delaySeconds },
    });
    record = invocation.log.get(operation.id);
  }
}
