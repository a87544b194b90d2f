import type { OperationAction, OperationType } from "@aws-sdk/client-lambda";
import { callbackOperation } from "./callback.js";
import { chainedInvokeOperation } from "./chained-invoke.js";
import { contextOperation } from "./context.js";
import { executionOperation } from "./execution-operation.js";
import type { OperationTypeModule } from "./operation-type.js";
import { stepOperation } from "./step.js";
import { waitOperation } from "./wait.js";

/** protocol.md §3 enums, in the order messages list them. */
export const OPERATION_TYPES: readonly OperationType[] = [
  "EXECUTION",
  "CONTEXT",
  "STEP",
  "WAIT",
  "CALLBACK",
  "CHAINED_INVOKE",
];
export const OPERATION_ACTIONS: readonly OperationAction[] = [
  "START",
  "SUCCEED",
  "FAIL",
  "RETRY",
  "CANCEL",
];

/** The module of each operation type of protocol.md §3. */
const MODULES: Record<OperationType, OperationTypeModule> = {
  EXECUTION: executionOperation,
  CONTEXT: contextOperation,
  STEP: stepOperation,
  WAIT: waitOperation,
  CALLBACK: callbackOperation,
  CHAINED_INVOKE: chainedInvokeOperation,
};

/** The module of an operation type, or undefined for a value that is not an operation type. */
export function operationTypeModule(
  type: OperationType | undefined,
): OperationTypeModule | undefined {
  return type === undefined || !OPERATION_TYPES.includes(type) ? undefined : MODULES[type];
}
