import type { IncomingMessage } from "node:http";
import {
  InvalidRequestContentError,
  RequestTooLargeError,
  ServiceError,
} from "@durable-examples/service";

/** What a route answers, before it is written to the socket. */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  /** A JSON body (Dates become epoch seconds), or raw bytes / text. */
  json?: unknown;
  body?: string | Buffer;
}

/**
 * Body limits, as Lambda's (protocol.md §7): code uploads, Invoke payloads, checkpoints, everything
 * else. A checkpoint may carry an execution's result of up to 6 MB (protocol.md §5), which JSON
 * escaping can make up to six times longer: the limit lets through every checkpoint the service
 * itself accepts.
 */
export const BODY_LIMITS = {
  code: 70 * 1024 * 1024,
  invoke: 6 * 1024 * 1024,
  checkpoint: 6 * 6 * 1024 * 1024 + 1024 * 1024,
  other: 1024 * 1024,
} as const;

/** A body this far over its limit is not drained for a clean 413 but cut off. */
const DRAIN_LIMIT = 256 * 1024 * 1024;

/**
 * Reads the whole body, up to `limit` bytes. Over the limit, the rest is read and dropped (so
 * that the client sees the 413 rather than a reset connection) and RequestTooLargeError thrown.
 */
export function readBody(
  request: IncomingMessage,
  limit: number,
  operation: string,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const tooLarge = () =>
      new RequestTooLargeError(
        `Request must be smaller than ${limit} bytes for the ${operation} operation.`,
      );
    const declared = Number(request.headers["content-length"]);
    const chunks: Buffer[] = [];
    let size = 0;
    let over = Number.isFinite(declared) && declared > limit;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      if (size > DRAIN_LIMIT) {
        request.destroy();
        reject(tooLarge());
        return;
      }
      if (!over) chunks.push(chunk);
    });
    request.on("end", () => (over ? reject(tooLarge()) : resolve(Buffer.concat(chunks))));
    request.on("error", reject);
  });
}

/** The body as a JSON object; an empty body is `{}`. */
export function parseJsonObject(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let value: unknown;
  try {
    value = JSON.parse(body.toString("utf8"));
  } catch (error) {
    throw new InvalidRequestContentError(
      `Could not parse request body into json: ${(error as Error).message}. Send a JSON object.`,
      { cause: error },
    );
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new InvalidRequestContentError(
      "Could not parse request body into json: expected a JSON object.",
    );
  }
  return value as Record<string, unknown>;
}

/** protocol.md §8 (restJson1): timestamps in bodies are epoch seconds. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key, item) {
    const raw = this[key];
    return raw instanceof Date ? raw.getTime() / 1000 : item;
  });
}

/**
 * The Lambda error shape (protocol.md §8): the status, `x-amzn-errortype: <Name>` and
 * `{"Type": "User", "message": …}` (`Message` for ResourceNotFoundException), which
 * `@aws-sdk/client-lambda` turns into its typed exceptions.
 */
export function errorReply(error: unknown): Reply {
  const serviceError =
    error instanceof ServiceError
      ? error
      : new ServiceError(
          "ServiceException",
          500,
          "Service",
          `Internal error in the local service: ${error instanceof Error ? error.message : String(error)}`,
        );
  const messageKey = serviceError.name === "ResourceNotFoundException" ? "Message" : "message";
  return {
    status: serviceError.statusCode,
    headers: { "x-amzn-errortype": serviceError.name },
    json: { Type: serviceError.type, [messageKey]: serviceError.message },
  };
}
