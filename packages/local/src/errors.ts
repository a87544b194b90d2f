import { ServiceError } from "@durable-examples/service";

/**
 * `UnknownOperationException` (404): no Lambda API operation takes this method on this path
 * (Lambda's common errors: "The action or operation requested is invalid").
 *
 * @example
 * throw new UnknownOperationError("PATCH is not an operation on /2015-03-31/functions.");
 */
export class UnknownOperationError extends ServiceError {
  constructor(message: string, options?: ErrorOptions) {
    super("UnknownOperationException", 404, "User", message, options);
  }
}

/**
 * `AccessDeniedException` (403): the request came from a web page of another origin, or named a
 * host other than this server (the cross-site and DNS-rebinding rules of the README).
 *
 * @example
 * throw new AccessDeniedError('Origin "https://example.com" may not call this server.');
 */
export class AccessDeniedError extends ServiceError {
  constructor(message: string, options?: ErrorOptions) {
    super("AccessDeniedException", 403, "User", message, options);
  }
}

/**
 * `UnsupportedMediaTypeException` (415): the body's `Content-Type` is not the one the operation
 * takes.
 *
 * @example
 * throw new UnsupportedMediaTypeError("CreateFunction takes Content-Type application/json.");
 */
export class UnsupportedMediaTypeError extends ServiceError {
  constructor(message: string, options?: ErrorOptions) {
    super("UnsupportedMediaTypeException", 415, "User", message, options);
  }
}

/**
 * `CodeStorageExceededException` (400): a deploy would keep more code than the server allows
 * (too many versions of a function).
 *
 * @example
 * throw new CodeStorageExceededError("orders already keeps 100 versions.");
 */
export class CodeStorageExceededError extends ServiceError {
  constructor(message: string, options?: ErrorOptions) {
    super("CodeStorageExceededException", 400, "User", message, options);
  }
}
