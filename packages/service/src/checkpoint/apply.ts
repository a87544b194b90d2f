import type { OperationUpdate } from "@aws-sdk/client-lambda";
import type { Execution } from "../executions/execution.js";
import { operationTypeModule } from "../operations/index.js";
import type { ServiceEnvironment } from "../operations/operation-type.js";

/**
 * Applies updates that `validateUpdates` accepted, in order (protocol.md §3 "Service semantics").
 * Returns the ids of the operations they changed.
 */
export function applyUpdates(
  updates: readonly OperationUpdate[],
  execution: Execution,
  now: Date,
  environment: ServiceEnvironment,
): Set<string> {
  const changed = new Set<string>();
  for (const update of updates) {
    const operation = operationTypeModule(update.Type)!.apply(update, execution, now, environment);
    changed.add(operation.Id!);
    execution.noteChanged(operation.Id!);
  }
  return changed;
}
