import type { Operation, OperationUpdate } from "@aws-sdk/client-lambda";
import type { Execution } from "../executions/execution.js";
import type { OperationState, OperationTypeModule, UpdateVerdict } from "./operation-type.js";

/**
 * EXECUTION (protocol.md §3): the service creates the operation when the execution starts; the
 * function may only SUCCEED or FAIL it, which ends the execution with the update's result or
 * error. Validation maps every EXECUTION update onto the real operation, whatever its `Id`.
 */
export const executionOperation: OperationTypeModule = {
  type: "EXECUTION",
  actions: ["SUCCEED", "FAIL"],

  check(update: OperationUpdate, current: OperationState | undefined): UpdateVerdict {
    if (current === undefined || current.Status !== "STARTED") {
      return { refused: `the execution has already ended (${current?.Status ?? "unknown"})` };
    }
    return { status: update.Action === "SUCCEED" ? "SUCCEEDED" : "FAILED" };
  },

  apply(update: OperationUpdate, execution: Execution, now: Date): Operation {
    // The function is still running: its InvocationCompleted comes before the terminal event.
    if (update.Action === "SUCCEED")
      execution.end("SUCCEEDED", now, { result: update.Payload }, true);
    else execution.end("FAILED", now, { error: update.Error }, true);
    return execution.executionOperation;
  },

  fireTimer(): void {},

  isPending(): boolean {
    return false;
  },

  wantsInvocation(): boolean {
    return false;
  },
};
