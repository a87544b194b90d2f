import type { ErrorObject } from "@aws-sdk/client-lambda";
import type { CallbackAnswer } from "@durable-examples/testing";
import { ConformanceError } from "./errors.js";
import type { CallbackAction } from "./types/requirement.js";
import { describeType, isPlainObject } from "./variables.js";

const ERROR_FIELDS = ["ErrorType", "ErrorMessage", "ErrorData", "StackTrace"] as const;

/**
 * Turns a requirement's `CallbackActions` into the harness's declared callback answers, in the
 * same order:
 * - `success` sends the `Payload` as the JSON text the upstream runner sends (Python's
 *   `json.dumps`, see {@link pythonJson}): the requirements expect `'"abc"'` for the payload
 *   `abc` and `'{"status": "approved"}'` for a mapping. No `Payload` sends no result at all.
 * - `failure` sends the `Payload` mapping as the ErrorObject; a text `Payload` is the message.
 * - `heartbeat` sends a heartbeat.
 * `Delay` (seconds after the callback started) becomes `after`; `CallbackName` `'*'` matches any
 * callback, the unnamed one inside a `waitForCallback` included. Each action is used at most once,
 * in order, as the suite's validator uses them (its `find_matching_action`): a callback takes the
 * first unused action that matches, and after a heartbeat the next one (`once` answers).
 *
 * @example
 * callbackAnswers([{ callbackName: "approval", operation: "success", payload: "yes", delaySeconds: 1 }]);
 * // [{ name: "approval", succeed: '"yes"', after: { seconds: 1 }, once: true }]
 */
export function callbackAnswers(actions: readonly CallbackAction[]): CallbackAnswer[] {
  return actions.map((action, i) => {
    const name = action.callbackName;
    const after = action.delaySeconds > 0 ? { after: { seconds: action.delaySeconds } } : {};
    if (action.operation === "success") {
      return {
        name,
        succeed: action.payload === null ? undefined : pythonJson(action.payload),
        ...after,
        once: true,
      };
    }
    if (action.operation === "failure") {
      return { name, fail: errorObject(action.payload, i), ...after, once: true };
    }
    return { name, heartbeat: true, ...after, once: true };
  });
}

/**
 * JSON text as Python's `json.dumps` writes it with its defaults: `", "` between items, `": "`
 * after keys, and every character outside ASCII escaped as `\uXXXX`.
 *
 * @example
 * pythonJson({ status: "approved", n: [1, 2] }); // '{"status": "approved", "n": [1, 2]}'
 */
export function pythonJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return asciiString(value);
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(", ")}]`;
  if (isPlainObject(value)) {
    const fields = Object.entries(value).map(
      ([key, item]) => `${asciiString(key)}: ${pythonJson(item)}`,
    );
    return `{${fields.join(", ")}}`;
  }
  return JSON.stringify(value);
}

function asciiString(text: string): string {
  return JSON.stringify(text).replace(
    /[\u0080-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

function errorObject(payload: unknown, index: number): ErrorObject {
  if (payload === null) return {};
  if (typeof payload === "string") return { ErrorMessage: payload };
  const field = `CallbackActions[${index}].Payload`;
  if (!isPlainObject(payload)) {
    throw new ConformanceError(
      `${field}: a failure payload must be a mapping of ${ERROR_FIELDS.join(", ")}, got ${describeType(payload)}.`,
    );
  }
  const error: ErrorObject = {};
  for (const [key, value] of Object.entries(payload)) {
    if (key === "StackTrace" && Array.isArray(value)) {
      error.StackTrace = value.map(String);
    } else if (key === "ErrorType" || key === "ErrorMessage" || key === "ErrorData") {
      error[key] = typeof value === "string" ? value : JSON.stringify(value);
    } else {
      throw new ConformanceError(
        `${field}.${key}: unknown ErrorObject field; the fields are ${ERROR_FIELDS.join(", ")}.`,
      );
    }
  }
  return error;
}
