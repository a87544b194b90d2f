import type { Operation, OperationUpdate } from "@aws-sdk/client-lambda";
import type { Execution } from "../executions/execution.js";
import { describeValue, isIntegerIn } from "../fields.js";
import { waitCancelled, waitStarted, waitSucceeded } from "../history/events.js";
import { MAX_DURATION_SECONDS } from "../limits.js";
import {
  newOperation,
  type OperationState,
  type OperationTypeModule,
  startOnceOrCancelProblem,
  type UpdateVerdict,
} from "./operation-type.js";

/**
 * WAIT (protocol.md §3): START → STARTED with `ScheduledEndTimestamp = now + WaitSeconds`; at that
 * time the service makes it SUCCEEDED and invokes the function again. CANCEL → CANCELLED.
 */
export const waitOperation: OperationTypeModule = {
  type: "WAIT",
  actions: ["START", "CANCEL"],

  check(update: OperationUpdate, current: OperationState | undefined): UpdateVerdict {
    const problem = startOnceOrCancelProblem(update, current);
    if (problem !== undefined) return { refused: problem };
    if (update.Action === "CANCEL") return { status: "CANCELLED" };
    const seconds = update.WaitOptions?.WaitSeconds;
    if (!isIntegerIn(seconds, 1, MAX_DURATION_SECONDS)) {
      return {
        refused: `START requires WaitOptions.WaitSeconds, an integer from 1 to ${MAX_DURATION_SECONDS}, got ${describeValue(seconds)}`,
      };
    }
    return { status: "STARTED" };
  },

  apply(update: OperationUpdate, execution: Execution, now: Date): Operation {
    if (update.Action === "START") {
      const seconds = update.WaitOptions!.WaitSeconds!;
      const end = new Date(now.getTime() + seconds * 1000);
      const wait = newOperation(update, now);
      wait.WaitDetails = { ScheduledEndTimestamp: end };
      execution.addOperation(wait);
      execution.timers.set(wait.Id!, { kind: "wait", operationId: wait.Id!, at: end });
      execution.appendEvent(waitStarted(wait, now, seconds, end));
      return wait;
    }
    const wait = execution.operation(update.Id!)!;
    wait.Status = "CANCELLED";
    wait.EndTimestamp = new Date(now.getTime());
    execution.timers.delete(wait.Id!);
    execution.appendEvent(waitCancelled(wait, now, update.Error));
    return wait;
  },

  fireTimer(wait: Operation, execution: Execution, now: Date): void {
    if (wait.Status !== "STARTED") return;
    wait.Status = "SUCCEEDED";
    wait.EndTimestamp = new Date(now.getTime());
    execution.appendEvent(waitSucceeded(wait, now, waitSeconds(wait)));
    execution.noteServiceChange(wait.Id!);
    execution.requestInvocation();
  },

  isPending(wait: Operation): boolean {
    return wait.Status === "STARTED";
  },

  wantsInvocation(): boolean {
    return false;
  },
};

/** The duration the wait was started with, in whole seconds. */
function waitSeconds(wait: Operation): number {
  const end = wait.WaitDetails?.ScheduledEndTimestamp?.getTime() ?? 0;
  return Math.round((end - wait.StartTimestamp!.getTime()) / 1000);
}
