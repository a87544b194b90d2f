import type { Operation, OperationUpdate } from "@aws-sdk/client-lambda";
import type { Execution } from "../executions/execution.js";
import { describeValue } from "../fields.js";
import { contextFailed, contextStarted, contextSucceeded } from "../history/events.js";
import {
  isOptionsObject,
  newOperation,
  type OperationState,
  type OperationTypeModule,
  quoted,
  type UpdateVerdict,
} from "./operation-type.js";

/**
 * CONTEXT (protocol.md §3): START → STARTED; SUCCEED / FAIL → SUCCEEDED / FAILED with
 * `ContextDetails.Result` / `Error`, and `ContextOptions.ReplayChildren` copied. START may be
 * followed by SUCCEED or FAIL in the same request (§2 "Batching"). A CONTEXT that ends without
 * `ReplayChildren` prunes its descendants from what the function sees (§3 "Pruning").
 */
export const contextOperation: OperationTypeModule = {
  type: "CONTEXT",
  actions: ["START", "SUCCEED", "FAIL"],

  check(update: OperationUpdate, current: OperationState | undefined): UpdateVerdict {
    const id = quoted(update.Id);
    const options = update.ContextOptions;
    if (!isOptionsObject(options)) {
      return {
        refused: `ContextOptions must be an object {ReplayChildren?: boolean}, got ${describeValue(options)}`,
      };
    }
    const replayChildren = options?.ReplayChildren;
    if (replayChildren !== undefined && typeof replayChildren !== "boolean") {
      return {
        refused: `ContextOptions.ReplayChildren must be a boolean, got ${describeValue(replayChildren)}`,
      };
    }
    if (update.Action === "START") {
      if (current !== undefined) {
        return {
          refused: `a CONTEXT can be started only once; operation ${id} already exists in status ${current.Status}`,
        };
      }
      return { status: "STARTED" };
    }
    if (current === undefined) {
      return {
        refused: `${update.Action} needs a started CONTEXT; operation ${id} does not exist (send START first, in this request or an earlier one)`,
      };
    }
    if (current.Status !== "STARTED") {
      return {
        refused: `${update.Action} is allowed only for a CONTEXT in status STARTED; operation ${id} is ${current.Status}`,
      };
    }
    return { status: update.Action === "SUCCEED" ? "SUCCEEDED" : "FAILED" };
  },

  apply(update: OperationUpdate, execution: Execution, now: Date): Operation {
    if (update.Action === "START") {
      const context = newOperation(update, now);
      execution.addOperation(context);
      execution.appendEvent(contextStarted(context, now));
      return context;
    }
    const context = execution.operation(update.Id!)!;
    context.EndTimestamp = new Date(now.getTime());
    const details: NonNullable<Operation["ContextDetails"]> = {};
    const replayChildren = update.ContextOptions?.ReplayChildren;
    if (replayChildren !== undefined) details.ReplayChildren = replayChildren;
    if (update.Action === "SUCCEED") {
      context.Status = "SUCCEEDED";
      if (update.Payload !== undefined) details.Result = update.Payload;
      execution.appendEvent(contextSucceeded(context, now, update.Payload));
    } else {
      context.Status = "FAILED";
      if (update.Error !== undefined) details.Error = update.Error;
      execution.appendEvent(contextFailed(context, now, update.Error));
    }
    context.ContextDetails = details;
    execution.contextEnded(context);
    return context;
  },

  fireTimer(): void {},

  // A CONTEXT waits on nothing itself; its children do.
  isPending(): boolean {
    return false;
  },

  wantsInvocation(): boolean {
    return false;
  },
};
