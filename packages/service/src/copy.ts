import type { Operation } from "@aws-sdk/client-lambda";

/**
 * The Date constructor this module loaded with. A replay check wraps the global `Date` while it
 * runs (to shift `new Date()` outside steps), and copying timestamps is the service's hot path.
 */
const NativeDate = Date;

/**
 * A deep copy of plain data (objects, arrays, primitives, `Date`s). The service hands out copies
 * so that no caller can change its state by mutating a response; keys whose value is undefined
 * are left out, so responses compare cleanly. Much faster than `structuredClone` for this shape.
 */
export function copyData<T>(value: T): T {
  return copyValue(value) as T;
}

function copyValue(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Date) return new NativeDate(value.getTime());
  if (Array.isArray(value)) return value.map(copyValue);
  const copy: Record<string, unknown> = {};
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key];
    if (item !== undefined) copy[key] = copyValue(item);
  }
  return copy;
}

/**
 * A copy of an operation, as {@link copyData} makes it but several times faster: invocation
 * events and state pages copy every operation, so this is the service's hot path. It relies on
 * the service never storing a key with an undefined value.
 */
export function copyOperation(operation: Operation): Operation {
  const copy: Operation = { ...operation };
  if (operation.StartTimestamp !== undefined)
    copy.StartTimestamp = new NativeDate(operation.StartTimestamp.getTime());
  if (operation.EndTimestamp !== undefined)
    copy.EndTimestamp = new NativeDate(operation.EndTimestamp.getTime());
  if (operation.ExecutionDetails !== undefined)
    copy.ExecutionDetails = { ...operation.ExecutionDetails };
  if (operation.StepDetails !== undefined) {
    const details = { ...operation.StepDetails };
    if (details.NextAttemptTimestamp !== undefined)
      details.NextAttemptTimestamp = new NativeDate(details.NextAttemptTimestamp.getTime());
    if (details.Error !== undefined) details.Error = copyData(details.Error);
    copy.StepDetails = details;
  }
  if (operation.WaitDetails !== undefined) {
    const end = operation.WaitDetails.ScheduledEndTimestamp;
    copy.WaitDetails =
      end === undefined ? {} : { ScheduledEndTimestamp: new NativeDate(end.getTime()) };
  }
  if (operation.ContextDetails !== undefined)
    copy.ContextDetails = copyData(operation.ContextDetails);
  if (operation.CallbackDetails !== undefined)
    copy.CallbackDetails = copyData(operation.CallbackDetails);
  if (operation.ChainedInvokeDetails !== undefined) {
    copy.ChainedInvokeDetails = copyData(operation.ChainedInvokeDetails);
  }
  return copy;
}
