import type { OperationAction, OperationType } from "@aws-sdk/client-lambda";
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

/**
 * The operation types the emulator implements. CONTEXT, CALLBACK and CHAINED_INVOKE get a module
 * each when they are implemented; until then their updates are refused as not supported yet.
 */
const MODULES: Partial<Record<OperationType, OperationTypeModule>> = {
  EXECUTION: executionOperation,
  STEP: stepOperation,
  WAIT: waitOperation,
};

export const SUPPORTED_OPERATION_TYPES: readonly OperationType[] = OPERATION_TYPES.filter(
  (type) => MODULES[type] !== undefined,
);

/** The module of an operation type, or undefined if the emulator does not support it yet. */
export function operationTypeModule(
  type: OperationType | undefined,
): OperationTypeModule | undefined {
  return type === undefined ? undefined : MODULES[type];
}
