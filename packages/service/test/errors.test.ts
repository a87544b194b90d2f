import { describe, expect, it } from "vitest";
import {
  CallbackTimeoutError,
  DurableExecutionAlreadyStartedError,
  InternalServiceError,
  InvalidParameterValueError,
  ResourceNotFoundError,
  ServiceError,
  TooManyRequestsError,
} from "../src/index.js";

describe("ServiceError", () => {
  it.each([
    [InvalidParameterValueError, "InvalidParameterValueException", 400, "User", "client"],
    [ResourceNotFoundError, "ResourceNotFoundException", 404, "User", "client"],
    [
      DurableExecutionAlreadyStartedError,
      "DurableExecutionAlreadyStartedException",
      409,
      "User",
      "client",
    ],
    [TooManyRequestsError, "TooManyRequestsException", 429, "User", "client"],
    [InternalServiceError, "ServiceException", 500, "Service", "server"],
    [CallbackTimeoutError, "CallbackTimeoutException", 400, "User", "client"],
  ] as const)(
    "%o carries the Lambda name %s and status %d",
    (ErrorClass, name, status, type, fault) => {
      const error = new ErrorClass("what went wrong");
      expect(error).toBeInstanceOf(ServiceError);
      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe(name);
      expect(error.message).toBe("what went wrong");
      expect(error.statusCode).toBe(status);
      expect(error.type).toBe(type);
      expect(error.$fault).toBe(fault);
      expect(error.$metadata).toEqual({ httpStatusCode: status });
    },
  );

  it("keeps the cause", () => {
    const cause = new SyntaxError("bad JSON");
    expect(new InvalidParameterValueError("input must be JSON text", { cause }).cause).toBe(cause);
  });
});
