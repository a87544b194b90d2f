import { InvalidParameterValueError } from "@durable-examples/service";
import type { LocalLambda } from "../local-lambda.js";
import type { BodyKind } from "./request-guard.js";
import { parseJsonObject, type Reply } from "./wire.js";

/** One request as a route sees it: path labels decoded, query parsed, body read. */
export interface RouteRequest {
  params: string[];
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A route of the Lambda REST API (paths from @aws-sdk/client-lambda 3.1162.0). */
export interface Route {
  operation: string;
  method: string;
  /** Matched against the raw path; each group is one percent-encoded label. */
  path: RegExp;
  /** The body Lambda's API sends, which decides the Content-Type taken. */
  body: BodyKind;
  limit: number;
  handle: (lambda: LocalLambda, request: RouteRequest) => Reply | Promise<Reply>;
}

const LABEL = "([^/]+)";
export const FUNCTIONS = "/2015-03-31/functions";
export const EXECUTIONS = "/2025-12-01/durable-executions";
export const CALLBACKS = "/2025-12-01/durable-execution-callbacks";
export const TAGS = "/2017-03-31/tags";

export function path(pattern: string): RegExp {
  return new RegExp(`^${pattern.replaceAll("{}", LABEL)}/?$`);
}

export function ok(json: unknown, status = 200): Reply {
  return { status, json };
}

export function json(request: RouteRequest): Record<string, unknown> {
  return parseJsonObject(request.body);
}

export function query(request: RouteRequest, name: string): string | undefined {
  return request.query.get(name) ?? undefined;
}

export function booleanQuery(request: RouteRequest, name: string): boolean | undefined {
  const value = query(request, name);
  if (value === undefined) return undefined;
  if (value !== "true" && value !== "false") {
    throw new InvalidParameterValueError(`${name} must be true or false, got "${value}".`);
  }
  return value === "true";
}

export function integerQuery(request: RouteRequest, name: string): number | undefined {
  const value = query(request, name);
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value)) {
    throw new InvalidParameterValueError(`${name} must be an integer, got "${value}".`);
  }
  return Number(value);
}

export function dateQuery(request: RouteRequest, name: string): Date | undefined {
  const value = query(request, name);
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new InvalidParameterValueError(
      `${name} must be an ISO-8601 timestamp such as 2025-01-01T00:00:00Z, got "${value}".`,
    );
  }
  return date;
}

export function header(request: RouteRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
