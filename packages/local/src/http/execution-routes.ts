import type { ErrorObject, ExecutionStatus } from "@aws-sdk/client-lambda";
import { FUNCTION_VERSION } from "@durable-examples/service";
import type { LocalLambda } from "../local-lambda.js";
import {
  booleanQuery,
  CALLBACKS,
  dateQuery,
  EXECUTIONS,
  FUNCTIONS,
  header,
  integerQuery,
  json,
  ok,
  path,
  query,
  type Route,
  type RouteRequest,
} from "./route.js";
import { BODY_LIMITS } from "./wire.js";

/** The `Error` field of a command whose whole body is an ErrorObject (protocol.md §8), if sent. */
function errorField(request: RouteRequest): { Error?: ErrorObject } {
  return request.body.length === 0 ? {} : { Error: json(request) as ErrorObject };
}

/** Invoke and the durable execution commands (protocol.md §8). */
export const EXECUTION_ROUTES: Route[] = [
  {
    operation: "Invoke",
    method: "POST",
    path: path(`${FUNCTIONS}/{}/invocations`),
    body: "bytes",
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
    body: "none",
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
    body: "json",
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
    body: "none",
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
    body: "none",
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
    body: "none",
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
    body: "json",
    limit: BODY_LIMITS.other,
    handle: (lambda, request) =>
      ok(
        lambda.change(() =>
          lambda.service.stopExecution({
            DurableExecutionArn: request.params[0]!,
            ...errorField(request),
          }),
        ),
      ),
  },
  {
    operation: "SendDurableExecutionCallbackSuccess",
    method: "POST",
    path: path(`${CALLBACKS}/{}/succeed`),
    body: "bytes",
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
    body: "json",
    limit: BODY_LIMITS.other,
    handle: (lambda, request) =>
      ok(
        lambda.change(() =>
          lambda.service.sendCallbackFailure({
            CallbackId: request.params[0]!,
            ...errorField(request),
          }),
        ),
      ),
  },
  {
    operation: "SendDurableExecutionCallbackHeartbeat",
    method: "POST",
    path: path(`${CALLBACKS}/{}/heartbeat`),
    body: "none",
    limit: BODY_LIMITS.other,
    handle: (lambda, request) =>
      ok(
        lambda.change(() =>
          lambda.service.sendCallbackHeartbeat({ CallbackId: request.params[0]! }),
        ),
      ),
  },
];
