import { describe, expect, it } from "vitest";
import { callbackAnswers, pythonJson } from "../src/callback-answers.js";
import { ConformanceError } from "../src/errors.js";
import type { CallbackAction } from "../src/types/requirement.js";

function action(fields: Partial<CallbackAction>): CallbackAction {
  return {
    callbackName: "approval",
    operation: "success",
    payload: null,
    delaySeconds: 0,
    ...fields,
  };
}

describe("pythonJson", () => {
  it("writes JSON with the separators of Python's json.dumps", () => {
    expect(pythonJson({ status: "approved" })).toBe('{"status": "approved"}');
    expect(pythonJson([1, "two", { a: [true, null] }])).toBe('[1, "two", {"a": [true, null]}]');
    expect(pythonJson({})).toBe("{}");
    expect(pythonJson([])).toBe("[]");
  });

  it("writes scalars as JSON, strings quoted", () => {
    expect(pythonJson("abc")).toBe('"abc"');
    expect(pythonJson(42)).toBe("42");
    expect(pythonJson(false)).toBe("false");
    expect(pythonJson(null)).toBe("null");
  });

  it("escapes characters outside ASCII as \\uXXXX", () => {
    expect(pythonJson("café ✓")).toBe('"caf\\u00e9 \\u2713"');
    expect(pythonJson("line\nbreak")).toBe('"line\\nbreak"');
  });
});

describe("callbackAnswers", () => {
  it("sends a success payload as JSON text, after the delay", () => {
    expect(callbackAnswers([action({ payload: "abc", delaySeconds: 1 })])).toEqual([
      { name: "approval", succeed: '"abc"', after: { seconds: 1 }, once: true },
    ]);
    expect(callbackAnswers([action({ payload: { status: "approved" } })])).toEqual([
      { name: "approval", succeed: '{"status": "approved"}', once: true },
    ]);
    expect(callbackAnswers([action({ payload: 42 })])).toEqual([
      { name: "approval", succeed: "42", once: true },
    ]);
  });

  it("sends no result for a success without a payload", () => {
    const [answer] = callbackAnswers([action({ callbackName: "*" })]);
    expect(answer).toEqual({ name: "*", succeed: undefined, once: true });
    expect(answer !== undefined && "succeed" in answer).toBe(true);
  });

  it("sends a failure payload as the ErrorObject", () => {
    const payload = { ErrorType: "RejectedError", ErrorMessage: "not approved" };
    expect(callbackAnswers([action({ operation: "failure", payload, delaySeconds: 2 })])).toEqual([
      { name: "approval", fail: payload, after: { seconds: 2 }, once: true },
    ]);
    expect(callbackAnswers([action({ operation: "failure", payload: "no" })])).toEqual([
      { name: "approval", fail: { ErrorMessage: "no" }, once: true },
    ]);
  });

  it("rejects a failure payload with a field an ErrorObject does not have", () => {
    const bad = action({ operation: "failure", payload: { Reason: "x" } });
    expect(() => callbackAnswers([action({}), bad])).toThrow(ConformanceError);
    expect(() => callbackAnswers([action({}), bad])).toThrow(
      "CallbackActions[1].Payload.Reason: unknown ErrorObject field; the fields are ErrorType, ErrorMessage, ErrorData, StackTrace.",
    );
  });

  it("keeps heartbeats and the order of the actions", () => {
    expect(
      callbackAnswers([
        action({ operation: "heartbeat" }),
        action({ payload: "done", delaySeconds: 3 }),
      ]),
    ).toEqual([
      { name: "approval", heartbeat: true, once: true },
      { name: "approval", succeed: '"done"', after: { seconds: 3 }, once: true },
    ]);
  });
});
