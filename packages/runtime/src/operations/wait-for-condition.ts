import type { DurableContextImpl, OperationHandle } from "../context/durable-context.js";
import { durationToSeconds } from "../duration.js";
import { DurableConfigError, toErrorObject, WaitForConditionError } from "../errors.js";
import { deserializeWith, serializeWith } from "../serdes.js";
import type { Serdes } from "../types/serdes.js";
import type {
  WaitForConditionCheckFunc,
  WaitForConditionConfig,
} from "../types/wait-for-condition.js";
import { inAttempt, runAttempts, runBody } from "./step.js";

/**
 * `context.waitForCondition` (protocol.md §5): one STEP whose attempts are checks. Each check
 * gets the state the previous one left (the first gets `initialState`, later ones read it from
 * the record), and the wait strategy decides: RETRY carries the new state and a delay, SUCCEED
 * the final state. A check or strategy that throws fails the operation at once, with no retry.
 */
export function runWaitForCondition<T>(
  context: DurableContextImpl,
  operation: OperationHandle,
  check: WaitForConditionCheckFunc<T>,
  config: WaitForConditionConfig<T>,
): Promise<T> {
  if (typeof config?.waitStrategy !== "function" || !("initialState" in config)) {
    throw new DurableConfigError(
      `${operation.what}: config needs initialState and a waitStrategy function.`,
    );
  }
  const serdes = (config.serdes ?? context.serdesSettings.defaultSerdes) as Serdes<T>;

  return runAttempts(context, operation, serdes, WaitForConditionError, async (record, attempt) => {
    const stored = record?.StepDetails?.Result;
    const state =
      stored === undefined ? config.initialState : await deserializeWith(serdes, stored, operation);
    if (record?.Status !== "STARTED")
      void context.enqueue({ ...operation.update, Action: "START" });
    const outcome = await runBody(context, operation, (step) => check(state, step), attempt);
    if (!outcome.ok) return { action: "FAIL", error: toErrorObject(outcome.error) };
    let delaySeconds: number | undefined;
    try {
      const decision = inAttempt(operation, attempt, () =>
        config.waitStrategy(outcome.value, attempt),
      );
      if (decision.shouldContinue) {
        delaySeconds = durationToSeconds(decision.delay, `${operation.what} delay`);
      }
    } catch (error) {
      if (error instanceof DurableConfigError) throw error;
      return { action: "FAIL", error: toErrorObject(error) };
    }
    const payload = await serializeWith(serdes, outcome.value, operation);
    if (delaySeconds === undefined) return { action: "SUCCEED", payload };
    return { action: "RETRY", payload, delaySeconds };
  });
}
