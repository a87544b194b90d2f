import type { OperationAction, OperationType, OperationUpdate } from "@aws-sdk/client-lambda";
import { copyData } from "../copy.js";
import { InvalidParameterValueError } from "../errors.js";
import type { Execution } from "../executions/execution.js";
import { describeValue, errorBytes, errorObjectProblem, utf8Bytes } from "../fields.js";
import { OPERATION_ID_PATTERN, OPERATION_NAME_PATTERN } from "../ids.js";
import { MAX_PAYLOAD_BYTES, type ServiceLimits } from "../limits.js";
import { OPERATION_ACTIONS, OPERATION_TYPES, operationTypeModule } from "../operations/index.js";
import type { OperationState } from "../operations/operation-type.js";

/** protocol.md §2 "Batching": the only repeated Id allowed is START then one of these, for these types. */
const COMPLETING_ACTIONS: readonly OperationAction[] = ["SUCCEED", "FAIL", "RETRY"];
const TYPES_STARTED_AND_COMPLETED_TOGETHER: readonly OperationType[] = ["STEP", "CONTEXT"];

/**
 * Validates every rule of protocol.md §2 "Batching" and §3 "Validation" for one checkpoint
 * request, against the execution's operations as earlier updates of the same request leave them.
 * Nothing is applied here: the caller applies the returned updates only if the whole request
 * passed, so a request is applied atomically or not at all.
 *
 * Returns copies of the updates, with every EXECUTION update's `Id` mapped onto the real
 * EXECUTION operation (the official SDK sends its own id, protocol.md §3).
 *
 * @throws InvalidParameterValueError naming the first offending update (index, Id, Type, Action)
 * and what is allowed.
 */
export function validateUpdates(
  updates: unknown,
  execution: Execution,
  limits: ServiceLimits,
): OperationUpdate[] {
  if (updates === undefined || updates === null) return [];
  if (!Array.isArray(updates)) {
    throw new InvalidParameterValueError(
      `Updates must be a list of OperationUpdate, got ${describeValue(updates)}.`,
    );
  }
  if (updates.length > limits.maxUpdatesPerCheckpoint) {
    throw new InvalidParameterValueError(
      `Too many updates in one checkpoint: ${updates.length}; at most ${limits.maxUpdatesPerCheckpoint} are allowed. Split them over several checkpoints.`,
    );
  }
  // protocol.md §2: 750 KB is the official SDK's batch limit; it sends an update too large for a
  // batch on its own (the large-result EXECUTION update of §5), so one update is exempt.
  const size = updates.length > 1 ? jsonLength(updates) : 0;
  if (size > limits.maxCheckpointBytes) {
    throw new InvalidParameterValueError(
      `Checkpoint request too large: its Updates are about ${size} bytes; at most ${limits.maxCheckpointBytes} are allowed. Split them over several checkpoints.`,
    );
  }

  const states = new Map<string, OperationState>();
  const seen = new Map<string, { index: number; action: OperationAction; count: number }>();
  const stateOf = (id: string): OperationState | undefined => {
    const pending = states.get(id);
    if (pending !== undefined) return pending;
    const stored = execution.readOperation(id);
    return stored === undefined ? undefined : { Type: stored.Type!, Status: stored.Status! };
  };

  return updates.map((raw: unknown, index: number) => {
    const fail = (reason: string): never => {
      throw new InvalidParameterValueError(`${describeUpdate(index, raw)}: ${reason}.`);
    };
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
      return fail(`an update must be an OperationUpdate object, got ${describeValue(raw)}`);
    }
    const update = copyData(raw as OperationUpdate);
    checkFields(update, limits, fail);
    const type = update.Type!;
    const action = update.Action!;
    const module = operationTypeModule(type)!;

    if (update.ParentId !== undefined && stateOf(update.ParentId)?.Type !== "CONTEXT") {
      fail(
        `ParentId ${JSON.stringify(update.ParentId)} must name an existing CONTEXT operation or a CONTEXT started earlier in this request`,
      );
    }

    if (type === "EXECUTION") {
      const executionUpdates = updates.flatMap((other: unknown, i) =>
        isExecutionUpdate(other) ? [i] : [],
      );
      if (executionUpdates.length > 1) {
        fail(
          `a checkpoint may carry at most one EXECUTION update; this one has ${executionUpdates.length} (updates ${executionUpdates.join(", ")})`,
        );
      }
      if (index !== updates.length - 1) {
        fail(
          `the EXECUTION update must be the last update of the request; ${updates.length - 1 - index} more follow it`,
        );
      }
      // protocol.md §3: any EXECUTION update applies to the real EXECUTION operation.
      update.Id = execution.executionOperation.Id;
    }
    const id = update.Id!;

    const previous = seen.get(id);
    if (previous !== undefined) {
      const allowed =
        previous.count === 1 &&
        previous.action === "START" &&
        COMPLETING_ACTIONS.includes(action) &&
        TYPES_STARTED_AND_COMPLETED_TOGETHER.includes(type);
      if (!allowed) {
        fail(
          `Id ${JSON.stringify(id)} already appears in update ${previous.index} of this request; an Id may appear once per request, except START followed by one SUCCEED, FAIL or RETRY for a STEP or CONTEXT`,
        );
      }
    }
    seen.set(id, { index: previous?.index ?? index, action, count: (previous?.count ?? 0) + 1 });

    const current = stateOf(id);
    if (current !== undefined && current.Type !== type) {
      fail(
        `operation ${JSON.stringify(id)} already exists with Type ${current.Type}; an update must use the Type of its operation`,
      );
    }
    const verdict = module.check(update, current);
    if ("refused" in verdict) fail(verdict.refused);
    else states.set(id, { Type: type, Status: verdict.status });
    return update;
  });
}

/** Checks the fields every update has, whatever its type and state. */
function checkFields(
  update: OperationUpdate,
  limits: ServiceLimits,
  fail: (reason: string) => never,
): void {
  if (typeof update.Id !== "string" || !OPERATION_ID_PATTERN.test(update.Id)) {
    fail(`Id must match [a-zA-Z0-9-_]{1,64}, got ${describeValue(update.Id)}`);
  }
  if (!OPERATION_TYPES.includes(update.Type as OperationType)) {
    fail(`Type must be one of ${OPERATION_TYPES.join(", ")}, got ${describeValue(update.Type)}`);
  }
  const module = operationTypeModule(update.Type)!;
  if (!OPERATION_ACTIONS.includes(update.Action as OperationAction)) {
    fail(
      `Action must be one of ${OPERATION_ACTIONS.join(", ")}, got ${describeValue(update.Action)}`,
    );
  }
  if (!module.actions.includes(update.Action!)) {
    fail(
      `Action ${update.Action} is not valid for ${update.Type}; valid actions are ${module.actions.join(", ")}`,
    );
  }
  if (
    update.Name !== undefined &&
    (typeof update.Name !== "string" || !OPERATION_NAME_PATTERN.test(update.Name))
  ) {
    fail(`Name must be 1 to 256 printable ASCII characters, got ${describeValue(update.Name)}`);
  }
  if (update.SubType !== undefined && typeof update.SubType !== "string") {
    fail(`SubType must be a string, got ${describeValue(update.SubType)}`);
  }
  if (
    update.ParentId !== undefined &&
    (typeof update.ParentId !== "string" || !OPERATION_ID_PATTERN.test(update.ParentId))
  ) {
    fail(`ParentId must match [a-zA-Z0-9-_]{1,64}, got ${describeValue(update.ParentId)}`);
  }
  if (update.Payload !== undefined) {
    if (typeof update.Payload !== "string")
      fail(`Payload must be a string, got ${describeValue(update.Payload)}`);
    const bytes = utf8Bytes(update.Payload!);
    // protocol.md §5/§7: a result too large for the handler's response goes on the EXECUTION
    // operation, so the per-operation limit does not apply to it; an execution's result is still
    // at most 6 MB.
    if (update.Type === "EXECUTION" && bytes > MAX_PAYLOAD_BYTES) {
      fail(
        `EXECUTION result payload size must be less than or equal to ${MAX_PAYLOAD_BYTES} bytes, got ${bytes}`,
      );
    }
    if (update.Type !== "EXECUTION" && bytes > limits.maxOperationPayloadBytes) {
      // A CHAINED_INVOKE's payload is the target's input; every other payload is a result.
      const what = update.Type === "CHAINED_INVOKE" ? "input" : "output";
      fail(
        `${update.Type} ${what} payload size must be less than or equal to ${limits.maxOperationPayloadBytes} bytes, got ${bytes}`,
      );
    }
  }
  if (update.Error !== undefined) {
    const problem = errorObjectProblem(update.Error);
    if (problem !== undefined) fail(`Error ${problem}`);
    const bytes = errorBytes(update.Error);
    if (bytes > limits.maxErrorBytes) {
      fail(
        `${update.Type} error size must be less than or equal to ${limits.maxErrorBytes} bytes, got ${bytes}`,
      );
    }
  }
  // protocol.md §3 "Validation": result and error are exclusive.
  if (update.Action === "SUCCEED" && update.Error !== undefined) {
    fail("SUCCEED must not carry an Error; send FAIL to record an error");
  }
  if (update.Action === "FAIL" && update.Payload !== undefined) {
    fail("FAIL must not carry a Payload; send SUCCEED to record a result");
  }
  if (update.Action === "RETRY" && update.Payload !== undefined && update.Error !== undefined) {
    fail("RETRY may carry an Error or a Payload, not both");
  }
}

/** `Update 3 (Id "abc", Type STEP, Action SUCCEED)`, safe for any input. */
function describeUpdate(index: number, raw: unknown): string {
  if (raw === null || typeof raw !== "object") return `Update ${index}`;
  const update = raw as Record<string, unknown>;
  const plain = (value: unknown) => (typeof value === "string" ? value : describeValue(value));
  return `Update ${index} (Id ${describeValue(update.Id)}, Type ${plain(update.Type)}, Action ${plain(update.Action)})`;
}

function isExecutionUpdate(value: unknown): boolean {
  return (
    value !== null && typeof value === "object" && (value as OperationUpdate).Type === "EXECUTION"
  );
}

/** protocol.md §2: the request size is estimated by the JSON length of its updates. */
function jsonLength(updates: unknown[]): number {
  try {
    return JSON.stringify(updates).length;
  } catch (error) {
    throw new InvalidParameterValueError(`Updates must be JSON data: ${String(error)}.`, {
      cause: error,
    });
  }
}
