import { describe, expect, it } from "vitest";
import { classifyClientError } from "../../src/checkpoint/classify.js";
import { DurableExecutionClientError } from "../../src/index.js";

const serviceError = (name: string, status: number | undefined, message: string) =>
  Object.assign(new Error(message), {
    name,
    ...(status === undefined ? {} : { $metadata: { httpStatusCode: status } }),
  });

describe("classifyClientError", () => {
  it.each([
    ["TooManyRequestsException", 429, "Rate exceeded", "INVOCATION"],
    ["ServiceException", 500, "Internal error", "INVOCATION"],
    ["ServiceUnavailableException", 503, "Try later", "INVOCATION"],
    ["TimeoutError", undefined, "Connection timed out after 55000 ms", "INVOCATION"],
    ["Error", undefined, "socket hang up", "INVOCATION"],
    ["InvalidParameterValueException", 400, "Invalid checkpoint token: t-1", "INVOCATION"],
    ["InvalidParameterValueException", 400, "invalid CHECKPOINT token", "INVOCATION"],
    ["InvalidParameterValueException", 400, "Invalid operation update", "EXECUTION"],
    ["ResourceNotFoundException", 404, "Execution not found", "EXECUTION"],
    ["KMSAccessDeniedException", 502, "Access denied", "EXECUTION"],
    ["KMSNotFoundException", 502, "Key not found", "EXECUTION"],
  ] as const)("treats %s (%s) %j as a failure of the %s", (name, status, message, scope) => {
    expect(
      classifyClientError(serviceError(name, status, message), "CheckpointDurableExecution").scope,
    ).toBe(scope);
  });

  it("names the call, the exception and its message, and keeps the error as cause", () => {
    const error = serviceError("TooManyRequestsException", 429, "Rate exceeded");

    const classified = classifyClientError(error, "GetDurableExecutionState");

    expect(classified).toBeInstanceOf(DurableExecutionClientError);
    expect(classified.message).toBe(
      "GetDurableExecutionState failed: TooManyRequestsException: Rate exceeded",
    );
    expect(classified.cause).toBe(error);
  });

  it("reads the status from statusCode when there is no $metadata", () => {
    const error = Object.assign(new Error("Bad request"), {
      name: "InvalidParameterValueException",
      statusCode: 400,
    });

    expect(classifyClientError(error, "CheckpointDurableExecution").scope).toBe("EXECUTION");
  });

  it("treats a thrown value that is not an object as a failure of the invocation", () => {
    const classified = classifyClientError("ECONNRESET", "CheckpointDurableExecution");

    expect(classified.scope).toBe("INVOCATION");
    expect(classified.message).toBe("CheckpointDurableExecution failed: Error: ECONNRESET");
  });
});
