import type { Operation, OperationUpdate } from "@aws-sdk/client-lambda";
import type { Execution } from "../executions/execution.js";
import { describeValue, isIntegerIn } from "../fields.js";
import { stepFailed, stepStarted, stepSucceeded } from "../history/events.js";
import { MAX_DURATION_SECONDS } from "../limits.js";
import {
  newOperation,
  type OperationState,
  type OperationTypeModule,
  quoted,
  type UpdateVerdict,
} from "./operation-type.js";

/**
 * STEP (protocol.md §3): START → STARTED; SUCCEED / FAIL → SUCCEEDED / FAILED with `Attempt += 1`;
 * RETRY → PENDING with `Attempt += 1` and a timer that makes it READY after
 * `NextAttemptDelaySeconds`, when the function is invoked again to run the next attempt.
 */
export const stepOperation: OperationTypeModule = {
  type: "STEP",
  actions: ["START", "SUCCEED", "FAIL", "RETRY"],

  check(update: OperationUpdate, current: OperationState | undefined): UpdateVerdict {
    const id = quoted(update.Id);
    if (update.Action === "START") {
      if (current !== undefined && current.Status !== "READY") {
        return {
          refused: `START is allowed only for a new STEP or one in status READY; operation ${id} is ${current.Status}`,
        };
      }
      return { status: "STARTED" };
    }
    // The official testing emulator accepts SUCCEED, FAIL and RETRY on a brand-new STEP with no
    // START (protocol.md §3; the service's behaviour is unconfirmed): accepted here too.
    if (current !== undefined && current.Status !== "STARTED" && current.Status !== "READY") {
      return {
        refused: `${update.Action} is allowed only for a STEP in status STARTED or READY; operation ${id} is ${current.Status}`,
      };
    }
    if (update.Action === "RETRY") {
      const delay = update.StepOptions?.NextAttemptDelaySeconds;
      if (!isIntegerIn(delay, 1, MAX_DURATION_SECONDS)) {
        return {
          refused: `RETRY requires StepOptions.NextAttemptDelaySeconds, an integer from 1 to ${MAX_DURATION_SECONDS}, got ${describeValue(delay)}`,
        };
      }
      return { status: "PENDING" };
    }
    return { status: update.Action === "SUCCEED" ? "SUCCEEDED" : "FAILED" };
  },

  apply(update: OperationUpdate, execution: Execution, now: Date): Operation {
    let step = execution.operation(update.Id!);
    if (step === undefined) {
      step = newOperation(update, now);
      execution.addOperation(step);
    }
    if (update.Action === "START") {
      step.Status = "STARTED";
      step.StartTimestamp = new Date(now.getTime());
      if (step.StepDetails !== undefined) delete step.StepDetails.NextAttemptTimestamp;
      execution.appendEvent(stepStarted(step, now));
      return step;
    }
    // protocol.md §3: `Attempt` counts finished attempts; this update finishes one.
    const attempt = (step.StepDetails?.Attempt ?? 0) + 1;
    execution.timers.delete(step.Id!);
    if (update.Action === "RETRY") {
      const delay = update.StepOptions!.NextAttemptDelaySeconds!;
      const nextAttemptAt = new Date(now.getTime() + delay * 1000);
      step.Status = "PENDING";
      step.StepDetails = { Attempt: attempt, NextAttemptTimestamp: nextAttemptAt };
      if (update.Payload !== undefined) step.StepDetails.Result = update.Payload;
      if (update.Error !== undefined) step.StepDetails.Error = update.Error;
      execution.timers.set(step.Id!, { kind: "retry", operationId: step.Id!, at: nextAttemptAt });
      // protocol.md §8: a RETRY with a payload (waitForCondition) reads as StepSucceeded.
      execution.appendEvent(
        update.Payload !== undefined
          ? stepSucceeded(step, now, update.Payload, attempt, delay)
          : stepFailed(step, now, update.Error, attempt, delay),
      );
      return step;
    }
    step.EndTimestamp = new Date(now.getTime());
    if (update.Action === "SUCCEED") {
      step.Status = "SUCCEEDED";
      step.StepDetails = { Attempt: attempt };
      if (update.Payload !== undefined) step.StepDetails.Result = update.Payload;
      execution.appendEvent(stepSucceeded(step, now, update.Payload, attempt));
    } else {
      step.Status = "FAILED";
      step.StepDetails = { Attempt: attempt };
      if (update.Error !== undefined) step.StepDetails.Error = update.Error;
      execution.appendEvent(stepFailed(step, now, update.Error, attempt));
    }
    return step;
  },

  fireTimer(step: Operation, execution: Execution): void {
    if (step.Status !== "PENDING") return;
    step.Status = "READY";
    execution.noteServiceChange(step.Id!);
    execution.requestInvocation();
  },

  isPending(step: Operation): boolean {
    return step.Status === "PENDING" || step.Status === "READY";
  },

  wantsInvocation(step: Operation): boolean {
    return step.Status === "READY";
  },
};
