/**
 * The Lambda exception names the service answers with (protocol.md §8). Clients classify errors
 * by `error.name`, exactly as they classify errors thrown by `@aws-sdk/client-lambda`.
 *
 * @example
 * const retryable: ServiceErrorName[] = ["TooManyRequestsException", "ServiceException"];
 */
export type ServiceErrorName =
  | "InvalidParameterValueException"
  | "ResourceNotFoundException"
  | "DurableExecutionAlreadyStartedException"
  | "TooManyRequestsException"
  | "ServiceException"
  | "CallbackTimeoutException"
  | "ResourceConflictException"
  | "RequestTooLargeException"
  | "InvalidRequestContentException"
  // The local server's HTTP front also answers with these (protocol.md §8 and Lambda's API).
  | "UnknownOperationException"
  | "AccessDeniedException"
  | "UnsupportedMediaTypeException"
  | "CodeStorageExceededException";

/**
 * The base of every error the service throws. It looks like a `@aws-sdk/client-lambda` error:
 * `name` is the Lambda exception name, `$metadata.httpStatusCode` the HTTP status, and `$fault`
 * says whose fault it is, so a client written for Lambda handles it unchanged.
 *
 * @example
 * try {
 *   service.checkpoint(request);
 * } catch (error) {
 *   if (error instanceof ServiceError && error.name === "InvalidParameterValueException") {
 *     console.error(error.message);
 *   }
 * }
 */
export class ServiceError extends Error {
  /** The Lambda exception name, e.g. `"InvalidParameterValueException"`. */
  override readonly name: ServiceErrorName;
  /** The HTTP status the Lambda API answers with. */
  readonly statusCode: number;
  /** `"User"` for a bad request, `"Service"` for a failure of the service itself. */
  readonly type: "User" | "Service";
  /** As on client-lambda errors: `"client"` for 4xx, `"server"` for 5xx. */
  readonly $fault: "client" | "server";
  /** As on client-lambda errors. */
  readonly $metadata: { httpStatusCode: number };

  constructor(
    name: ServiceErrorName,
    statusCode: number,
    type: "User" | "Service",
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = name;
    this.statusCode = statusCode;
    this.type = type;
    this.$fault = statusCode >= 500 ? "server" : "client";
    this.$metadata = { httpStatusCode: statusCode };
  }
}

/**
 * `InvalidParameterValueException` (400): the request breaks a rule of the protocol. A message
 * starting "Invalid checkpoint token" means the token is stale: the runtime fails the invocation
 * and Lambda retries it; any other message fails the execution (protocol.md §2).
 *
 * @example
 * throw new InvalidParameterValueError('Invalid checkpoint token: it was already used.');
 */
export class InvalidParameterValueError extends ServiceError {
  constructor(message: string, options?: ErrorOptions) {
    super("InvalidParameterValueException", 400, "User", message, options);
  }
}

/**
 * `ResourceNotFoundException` (404): no function or durable execution has that name or ARN.
 *
 * @example
 * throw new ResourceNotFoundError("Function not found: orders");
 */
export class ResourceNotFoundError extends ServiceError {
  constructor(message: string, options?: ErrorOptions) {
    super("ResourceNotFoundException", 404, "User", message, options);
  }
}

/**
 * `DurableExecutionAlreadyStartedException` (409): an execution with that name exists with a
 * different input.
 *
 * @example
 * throw new DurableExecutionAlreadyStartedError("Durable execution order-7 already started.");
 */
export class DurableExecutionAlreadyStartedError extends ServiceError {
  constructor(message: string, options?: ErrorOptions) {
    super("DurableExecutionAlreadyStartedException", 409, "User", message, options);
  }
}

/**
 * `TooManyRequestsException` (429): throttled. The runtime fails the invocation and Lambda
 * retries it. The emulator itself never throttles; fault injection uses this class.
 *
 * @example
 * throw new TooManyRequestsError("Rate exceeded");
 */
export class TooManyRequestsError extends ServiceError {
  constructor(message: string, options?: ErrorOptions) {
    super("TooManyRequestsException", 429, "User", message, options);
  }
}

/**
 * `ServiceException` (500): the service failed. The runtime fails the invocation and Lambda
 * retries it. The emulator itself never throws it; fault injection uses this class.
 *
 * @example
 * throw new InternalServiceError("Internal service error");
 */
export class InternalServiceError extends ServiceError {
  constructor(message: string, options?: ErrorOptions) {
    super("ServiceException", 500, "Service", message, options);
  }
}

/**
 * `CallbackTimeoutException` (400): a callback was completed after it timed out.
 *
 * @example
 * throw new CallbackTimeoutError("Callback abc timed out.");
 */
export class CallbackTimeoutError extends ServiceError {
  constructor(message: string, options?: ErrorOptions) {
    super("CallbackTimeoutException", 400, "User", message, options);
  }
}

/**
 * `ResourceConflictException` (409): the resource already exists (a function or alias of that
 * name), or is in use.
 *
 * @example
 * throw new ResourceConflictError("Function already exist: orders");
 */
export class ResourceConflictError extends ServiceError {
  constructor(message: string, options?: ErrorOptions) {
    super("ResourceConflictException", 409, "User", message, options);
  }
}

/**
 * `RequestTooLargeException` (413): the request body is over the limit of its API.
 *
 * @example
 * throw new RequestTooLargeError("Request must be smaller than 6291456 bytes for the Invoke operation");
 */
export class RequestTooLargeError extends ServiceError {
  constructor(message: string, options?: ErrorOptions) {
    super("RequestTooLargeException", 413, "User", message, options);
  }
}

/**
 * `InvalidRequestContentException` (400): the request body is not the JSON the API expects.
 *
 * @example
 * throw new InvalidRequestContentError("Could not parse request body into json");
 */
export class InvalidRequestContentError extends ServiceError {
  constructor(message: string, options?: ErrorOptions) {
    super("InvalidRequestContentException", 400, "User", message, options);
  }
}
