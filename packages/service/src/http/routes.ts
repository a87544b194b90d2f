import type { ErrorObject, ExecutionStatus } from "@aws-sdk/client-lambda";
import { InvalidParameterValueError } from "../errors.js";
import { FUNCTION_VERSION } from "../ids.js";
import type { LocalLambda } from "../local/local-lambda.js";
import { CLOCK_ROUTES } from "./clock-route.js";
import { LIST_ROUTES } from "./list-routes.js";
import { BODY_LIMITS, parseJsonObject, type Reply } from "./wire.js";

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
  limit: number;
  handle: (lambda: LocalLambda, request: RouteRequest) => Reply | Promise<Reply>;
}

const LABEL = "([^/]+)";
const FUNCTIONS = "/2015-03-31/functions";
const EXECUTIONS = "/2025-12-01/durable-executions";
const CALLBACKS = "/2025-12-01/durable-execution-callbacks";

function path(pattern: string): RegExp {
  return new RegExp(`^${pattern.replaceAll("{}", LABEL)}/?$`);
}

function ok(json: unknown, status = 200): Reply {
  return { status, json };
}

function json(request: RouteRequest): Record<string, unknown> {
  return parseJsonObject(request.body);
}

function query(request: RouteRequest, name: string): string | undefined {
  return request.query.get(name) ?? undefined;
}

function booleanQuery(request: RouteRequest, name: string): boolean | undefined {
  const value = query(request, name);
  if (value === undefined) return undefined;
  if (value !== "true" && value !== "false") {
    throw new InvalidParameterValueError(`${name} must be true or false, got "${value}".`);
  }
  return value === "true";
}

function integerQuery(request: RouteRequest, name: string): number | undefined {
  const value = query(request, name);
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value)) {
    throw new InvalidParameterValueError(`${name} must be an integer, got "${value}".`);
  }
  return Number(value);
}

function dateQuery(request: RouteRequest, name: string): Date | undefined {
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

function header(request: RouteRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** The function's configuration at a qualifier (a version, an alias, or `$LATEST`). */
function configurationAt(lambda: LocalLambda, name: string, qualifier: string | undefined) {
  const fn = lambda.functions.resolve(name, qualifier);
  return lambda.functions.configuration(fn.record, fn.version);
}

/** Body fields that hold an ErrorObject as the whole body (protocol.md §8). */
function errorBody(request: RouteRequest): ErrorObject | undefined {
  return request.body.length === 0 ? undefined : (json(request) as ErrorObject);
}

/** Every route the local service answers. */
export const ROUTES: Route[] = [
  {
    operation: "CreateFunction",
    method: "POST",
    path: path(FUNCTIONS),
    limit: BODY_LIMITS.code,
    handle: (lambda, request) => ok(lambda.createFunction(json(request)), 201),
  },
  {
    operation: "GetFunction",
    method: "GET",
    path: path(`${FUNCTIONS}/{}`),
    limit: BODY_LIMITS.other,
    handle: (lambda, request) => {
      const configuration = configurationAt(
        lambda,
        request.params[0]!,
        query(request, "Qualifier"),
      );
      return ok({
        Configuration: configuration,
        Code: { RepositoryType: "Local", Location: lambda.dataDir },
      });
    },
  },
  {
    operation: "DeleteFunction",
    method: "DELETE",
    path: path(`${FUNCTIONS}/{}`),
    limit: BODY_LIMITS.other,
    handle: (lambda, request) => {
      lambda.deleteFunction(request.params[0]!, query(request, "Qualifier"));
      return { status: 204 };
    },
  },
  {
    operation: "GetFunctionConfiguration",
    method: "GET",
    path: path(`${FUNCTIONS}/{}/configuration`),
    limit: BODY_LIMITS.other,
    handle: (lambda, request) =>
      ok(configurationAt(lambda, request.params[0]!, query(request, "Qualifier"))),
  },
  {
    operation: "UpdateFunctionConfiguration",
    method: "PUT",
    path: path(`${FUNCTIONS}/{}/configuration`),
    limit: BODY_LIMITS.other,
    handle: (lambda, request) =>
      ok(lambda.updateFunctionConfiguration(request.params[0]!, json(request))),
  },
  {
    operation: "UpdateFunctionCode",
    method: "PUT",
    path: path(`${FUNCTIONS}/{}/code`),
    limit: BODY_LIMITS.code,
    handle: (lambda, request) => {
      const body = json(request);
      return ok(
        lambda.change(() => {
          const configuration = lambda.functions.updateCode(request.params[0]!, body.ZipFile);
          if (body.Publish === true) {
            const version = lambda.functions.publish(request.params[0]!, {});
            return lambda.functions.configuration(
              lambda.functions.record(request.params[0]!),
              version,
            );
          }
          return configuration;
        }),
      );
    },
  },
  {
    operation: "PublishVersion",
    method: "POST",
    path: path(`${FUNCTIONS}/{}/versions`),
    limit: BODY_LIMITS.other,
    handle: (lambda, request) => {
      const body = json(request);
      const name = request.params[0]!;
      return ok(
        lambda.change(() => {
          const version = lambda.functions.publish(name, body);
          return lambda.functions.configuration(lambda.functions.record(name), version);
        }),
        201,
      );
    },
  },
  {
    operation: "CreateAlias",
    method: "POST",
    path: path(`${FUNCTIONS}/{}/aliases`),
    limit: BODY_LIMITS.other,
    handle: (lambda, request) => {
      const body = json(request);
      return ok(
        lambda.change(() => lambda.functions.createAlias(request.params[0]!, body)),
        201,
      );
    },
  },
  {
    operation: "GetAlias",
    method: "GET",
    path: path(`${FUNCTIONS}/{}/aliases/{}`),
    limit: BODY_LIMITS.other,
    handle: (lambda, request) =>
      ok(lambda.functions.getAlias(request.params[0]!, request.params[1]!)),
  },
  {
    operation: "UpdateAlias",
    method: "PUT",
    path: path(`${FUNCTIONS}/{}/aliases/{}`),
    limit: BODY_LIMITS.other,
    handle: (lambda, request) => {
      const body = json(request);
      return ok(
        lambda.change(() =>
          lambda.functions.updateAlias(request.params[0]!, request.params[1]!, body),
        ),
      );
    },
  },
  {
    operation: "Invoke",
    method: "POST",
    path: path(`${FUNCTIONS}/{}/invocations`),
    limit: BODY_LIMITS.invoke,
    handle: async (lambda, request) => {
      const qualifier = query(request, "Qualifier");
      const invocationType = header(request, "X-Amz-Invocation-Type");
      const executionName = header(request, "X-Amz-Durable-Execution-Name");
      const result = await lambda.invoke(request.params[0]!, {
        ...(qualifier === undefined ? {} : { qualifier }),
        ...(invocationType === undefined ? {} : { invocationType }),
        ...(executionName === undefined ? {} : { executionName }),
        payload: request.body,
      });
      const headers: Record<string, string> = {
        "content-type": "application/json",
        "x-amz-executed-version": result.executedVersion,
      };
      if (result.durableExecutionArn !== undefined) {
        headers["x-amz-durable-execution-arn"] = result.durableExecutionArn;
      }
      if (result.functionError !== undefined)
        headers["x-amz-function-error"] = result.functionError;
      return { status: result.statusCode, headers, body: result.payload };
    },
  },
  {
    operation: "ListDurableExecutionsByFunction",
    method: "GET",
    path: path("/2025-12-01/functions/{}/durable-executions"),
    limit: BODY_LIMITS.other,
    handle: (lambda, request) => {
      const name = request.params[0]!;
      let qualifier = query(request, "Qualifier");
      // An alias lists the executions of the version it points to now.
      if (qualifier !== undefined && qualifier !== FUNCTION_VERSION) {
        qualifier = lambda.functions.resolve(name, qualifier).version;
      }
      const statuses = request.query.getAll("Statuses");
      return ok(
        lambda.service.listExecutionsByFunction({
          FunctionName: lambda.functions.record(name).name,
          Qualifier: qualifier,
          DurableExecutionName: query(request, "DurableExecutionName"),
          Statuses: statuses.length === 0 ? undefined : (statuses as ExecutionStatus[]),
          StartedAfter: dateQuery(request, "StartedAfter"),
          StartedBefore: dateQuery(request, "StartedBefore"),
          ReverseOrder: booleanQuery(request, "ReverseOrder"),
          Marker: query(request, "Marker"),
          MaxItems: integerQuery(request, "MaxItems"),
        }),
      );
    },
  },
  {
    operation: "CheckpointDurableExecution",
    method: "POST",
    path: path(`${EXECUTIONS}/{}/checkpoint`),
    limit: BODY_LIMITS.checkpoint,
    handle: (lambda, request) => {
      const body = json(request);
      return ok(
        lambda.change(() =>
          lambda.service.checkpoint({
            ...body,
            DurableExecutionArn: request.params[0]!,
          } as Parameters<LocalLambda["service"]["checkpoint"]>[0]),
        ),
      );
    },
  },
  {
    operation: "GetDurableExecutionState",
    method: "GET",
    path: path(`${EXECUTIONS}/{}/state`),
    limit: BODY_LIMITS.other,
    handle: (lambda, request) =>
      ok(
        lambda.service.getExecutionState({
          DurableExecutionArn: request.params[0]!,
          CheckpointToken: query(request, "CheckpointToken"),
          Marker: query(request, "Marker"),
          MaxItems: integerQuery(request, "MaxItems"),
        }),
      ),
  },
  {
    operation: "GetDurableExecutionHistory",
    method: "GET",
    path: path(`${EXECUTIONS}/{}/history`),
    limit: BODY_LIMITS.other,
    handle: (lambda, request) =>
      ok(
        lambda.service.getExecutionHistory({
          DurableExecutionArn: request.params[0]!,
          IncludeExecutionData: booleanQuery(request, "IncludeExecutionData"),
          MaxItems: integerQuery(request, "MaxItems"),
          Marker: query(request, "Marker"),
          ReverseOrder: booleanQuery(request, "ReverseOrder"),
        }),
      ),
  },
  {
    operation: "GetDurableExecution",
    method: "GET",
    path: path(`${EXECUTIONS}/{}`),
    limit: BODY_LIMITS.other,
    handle: (lambda, request) =>
      ok(
        lambda.service.getExecution({
          DurableExecutionArn: request.params[0]!,
          IncludeExecutionData: booleanQuery(request, "IncludeExecutionData"),
        }),
      ),
  },
  {
    operation: "StopDurableExecution",
    method: "POST",
    path: path(`${EXECUTIONS}/{}/stop`),
    limit: BODY_LIMITS.other,
    handle: (lambda, request) => {
      const error = errorBody(request);
      return ok(
        lambda.change(() =>
          lambda.service.stopExecution({
            DurableExecutionArn: request.params[0]!,
            ...(error === undefined ? {} : { Error: error }),
          }),
        ),
      );
    },
  },
  {
    operation: "SendDurableExecutionCallbackSuccess",
    method: "POST",
    path: path(`${CALLBACKS}/{}/succeed`),
    limit: BODY_LIMITS.other,
    handle: (lambda, request) =>
      ok(
        lambda.change(() =>
          lambda.service.sendCallbackSuccess({
            CallbackId: request.params[0]!,
            ...(request.body.length === 0 ? {} : { Result: new Uint8Array(request.body) }),
          }),
        ),
      ),
  },
  {
    operation: "SendDurableExecutionCallbackFailure",
    method: "POST",
    path: path(`${CALLBACKS}/{}/fail`),
    limit: BODY_LIMITS.other,
    handle: (lambda, request) => {
      const error = errorBody(request);
      return ok(
        lambda.change(() =>
          lambda.service.sendCallbackFailure({
            CallbackId: request.params[0]!,
            ...(error === undefined ? {} : { Error: error }),
          }),
        ),
      );
    },
  },
  {
    operation: "SendDurableExecutionCallbackHeartbeat",
    method: "POST",
    path: path(`${CALLBACKS}/{}/heartbeat`),
    limit: BODY_LIMITS.other,
    handle: (lambda, request) =>
      ok(
        lambda.change(() =>
          lambda.service.sendCallbackHeartbeat({ CallbackId: request.params[0]! }),
        ),
      ),
  },
  ...LIST_ROUTES,
  ...CLOCK_ROUTES,
];

/** The route for a method and raw path, with its labels decoded. */
export function matchRoute(
  method: string,
  rawPath: string,
): { route: Route; params: string[] } | { allowed: string[] } | undefined {
  const allowed: string[] = [];
  for (const route of ROUTES) {
    const match = route.path.exec(rawPath);
    if (match === null) continue;
    if (route.method !== method) {
      allowed.push(route.method);
      continue;
    }
    try {
      return { route, params: match.slice(1).map((label) => decodeURIComponent(label)) };
    } catch (error) {
      throw new InvalidParameterValueError(
        `The path ${rawPath} has a label that is not valid percent-encoding.`,
        { cause: error },
      );
    }
  }
  return allowed.length === 0 ? undefined : { allowed };
}
