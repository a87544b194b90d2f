import type { ErrorObject } from "@aws-sdk/client-lambda";

/** UTF-8 size of a string, as the service measures payloads. */
export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/** UTF-8 size of an error object's JSON, as the service measures errors. */
export function errorBytes(error: ErrorObject): number {
  return utf8Bytes(JSON.stringify(error));
}

/** The reason `value` is not an `ErrorObject`, or undefined when it is one. */
export function errorObjectProblem(value: unknown): string | undefined {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return `must be an object {ErrorMessage?, ErrorType?, ErrorData?, StackTrace?}, got ${describeValue(value)}`;
  }
  const error = value as Record<string, unknown>;
  for (const key of ["ErrorMessage", "ErrorType", "ErrorData"]) {
    if (error[key] !== undefined && typeof error[key] !== "string") {
      return `${key} must be a string, got ${describeValue(error[key])}`;
    }
  }
  const trace = error.StackTrace;
  if (
    trace !== undefined &&
    !(Array.isArray(trace) && trace.every((line) => typeof line === "string"))
  ) {
    return `StackTrace must be a list of strings, got ${describeValue(trace)}`;
  }
  return undefined;
}

/** A short, safe rendering of a value for an error message: `"abc"`, `42`, `object`, `undefined`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  if (typeof value === "string")
    return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : typeof value;
}

/** Whether `value` is an integer in `[min, max]`. */
export function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;
}
