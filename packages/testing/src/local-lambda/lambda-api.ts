import type { ErrorObject, ExecutionStatus } from "@aws-sdk/client-lambda";
import {
  type DurableExecutionService,
  InvalidParameterValueError,
  InvalidRequestContentError,
  ServiceError,
} from "@durable-examples/service";
import type { HttpRequest, HttpResponse, RequestHandler } from "@smithy/types";
import { HarnessError } from "../errors.js";

/** What an Invoke asks for, read from its HTTP request (protocol.md §8). */
export interface InvokeRequest {
  functionName: string;
  qualifier: string | undefined;
  invocationType: string;
  executionName: string | undefined;
  payload: string | undefined;
}

/** How an Invoke is answered: the status code, and the headers and payload of its response. */
export interface InvokeReply {
  statusCode: 200 | 202 | 204;
  durableExecutionArn?: string;
  executedVersion?: string;
  functionError?: string;
  payload?: string;
}

/** What the request handler needs from the local Lambda beyond the service. */
export interface LambdaApiBackend {
  readonly service: DurableExecutionService;
  invoke(request: InvokeRequest): Promise<InvokeReply>;
  /** The version a qualifier names (`$LATEST`, `1` or an alias), as the service records it. */
  versionOf(functionName: string, qualifier: string): string;
}

/** The Lambda API operations the local Lambda serves, for the message an unknown call gets. */
const SERVED =
  "Invoke, GetDurableExecution, GetDurableExecutionHistory, ListDurableExecutionsByFunction, StopDurableExecution and SendDurableExecutionCallbackSuccess / Failure / Heartbeat";

/**
 * A `requestHandler` for `LambdaClient` that answers in process: the client serializes each
 * command to HTTP as it would for Lambda, this handler calls the service, and the client parses
 * the answer into its own output shapes and exception classes. So code under test and its tests
 * see exactly what `@aws-sdk/client-lambda` gives them on AWS. restJson1 as protocol.md §8 says:
 * timestamps in bodies are epoch seconds, errors carry `x-amzn-errortype`.
 */
export class LambdaApiHandler implements RequestHandler<HttpRequest, HttpResponse> {
  constructor(private readonly backend: LambdaApiBackend) {}

  async handle(request: HttpRequest): Promise<{ response: HttpResponse }> {
    try {
      return { response: await this.route(request) };
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      const messageKey = error.name === "ResourceNotFoundException" ? "Message" : "message";
      return {
        response: jsonResponse(
          error.statusCode,
          { Type: error.type, [messageKey]: error.message },
          { "x-amzn-errortype": error.name },
        ),
      };
    }
  }

  updateHttpClientConfig(): void {}

  httpHandlerConfigs(): Record<string, never> {
    return {};
  }

  private async route(request: HttpRequest): Promise<HttpResponse> {
    const path = request.path.split("/").map(decodeURIComponent).join("/");
    const method = request.method.toUpperCase();
    for (const route of this.routes) {
      const match = route.method === method ? route.path.exec(path) : null;
      if (match !== null)
        return route.answer(match.slice(1) as string[], request, request.query ?? {});
    }
    throw new HarnessError(
      `localLambda cannot answer ${method} ${request.path}: it serves ${SERVED}. Call the service another way in the test, or stub this call.`,
    );
  }

  /** The calls served, by method and decoded path (protocol.md §8). */
  private readonly routes: {
    method: string;
    path: RegExp;
    answer(
      labels: string[],
      request: HttpRequest,
      query: Query,
    ): Promise<HttpResponse> | HttpResponse;
  }[] = [
    {
      method: "POST",
      path: /^\/2015-03-31\/functions\/([^/]+)\/invocations$/,
      answer: async ([functionName], request, query) =>
        invokeResponse(
          await this.backend.invoke({
            functionName: functionName!,
            qualifier: single(query.Qualifier),
            invocationType: header(request, "X-Amz-Invocation-Type") ?? "RequestResponse",
            executionName: header(request, "X-Amz-Durable-Execution-Name"),
            payload: bodyText(request),
          }),
        ),
    },
    {
      method: "GET",
      path: /^\/2025-12-01\/functions\/([^/]+)\/durable-executions$/,
      answer: ([functionName], _request, query) => {
        const statuses = query.Statuses;
        const qualifier = single(query.Qualifier);
        return jsonResponse(
          200,
          this.backend.service.listExecutionsByFunction({
            FunctionName: functionName!,
            // The service knows versions only; an alias lists the executions of its version.
            Qualifier:
              qualifier === undefined
                ? undefined
                : this.backend.versionOf(functionName!, qualifier),
            DurableExecutionName: single(query.DurableExecutionName),
            Statuses:
              statuses === undefined || statuses === null
                ? undefined
                : ([statuses].flat().filter((s) => s !== null) as ExecutionStatus[]),
            StartedAfter: timestamp(query.StartedAfter, "StartedAfter"),
            StartedBefore: timestamp(query.StartedBefore, "StartedBefore"),
            ReverseOrder: boolean(query.ReverseOrder),
            Marker: single(query.Marker),
            MaxItems: integer(query.MaxItems),
          }),
        );
      },
    },
    {
      method: "GET",
      path: /^\/2025-12-01\/durable-executions\/(.+)\/history$/,
      answer: ([arn], _request, query) =>
        jsonResponse(
          200,
          this.backend.service.getExecutionHistory({
            DurableExecutionArn: arn,
            IncludeExecutionData: boolean(query.IncludeExecutionData),
            MaxItems: integer(query.MaxItems),
            Marker: single(query.Marker),
            ReverseOrder: boolean(query.ReverseOrder),
          }),
        ),
    },
    {
      method: "POST",
      path: /^\/2025-12-01\/durable-executions\/(.+)\/stop$/,
      answer: ([arn], request) =>
        jsonResponse(
          200,
          this.backend.service.stopExecution({
            DurableExecutionArn: arn,
            Error: jsonBody(request) as ErrorObject | undefined,
          }),
        ),
    },
    {
      method: "GET",
      path: /^\/2025-12-01\/durable-executions\/(.+)$/,
      answer: ([arn], _request, query) =>
        jsonResponse(
          200,
          this.backend.service.getExecution({
            DurableExecutionArn: arn,
            IncludeExecutionData: boolean(query.IncludeExecutionData),
          }),
        ),
    },
    {
      method: "POST",
      path: /^\/2025-12-01\/durable-execution-callbacks\/([^/]+)\/succeed$/,
      answer: ([callbackId], request) => {
        const result = bodyText(request);
        this.backend.service.sendCallbackSuccess({
          CallbackId: callbackId,
          ...(result === undefined ? {} : { Result: result }),
        });
        return jsonResponse(200, {});
      },
    },
    {
      method: "POST",
      path: /^\/2025-12-01\/durable-execution-callbacks\/([^/]+)\/fail$/,
      answer: ([callbackId], request) => {
        this.backend.service.sendCallbackFailure({
          CallbackId: callbackId,
          Error: jsonBody(request) as ErrorObject | undefined,
        });
        return jsonResponse(200, {});
      },
    },
    {
      method: "POST",
      path: /^\/2025-12-01\/durable-execution-callbacks\/([^/]+)\/heartbeat$/,
      answer: ([callbackId]) => {
        this.backend.service.sendCallbackHeartbeat({ CallbackId: callbackId });
        return jsonResponse(200, {});
      },
    },
  ];
}

function invokeResponse(reply: InvokeReply): HttpResponse {
  const headers: Record<string, string> = {};
  if (reply.durableExecutionArn !== undefined) {
    headers["x-amz-durable-execution-arn"] = reply.durableExecutionArn;
  }
  if (reply.executedVersion !== undefined)
    headers["x-amz-executed-version"] = reply.executedVersion;
  if (reply.functionError !== undefined) headers["x-amz-function-error"] = reply.functionError;
  return {
    statusCode: reply.statusCode,
    headers: { ...headers, "content-type": "application/json" },
    body: new TextEncoder().encode(reply.payload ?? ""),
  };
}

/** protocol.md §8 (restJson1): timestamps in bodies are epoch seconds. */
function jsonResponse(
  statusCode: number,
  value: unknown,
  headers: Record<string, string> = {},
): HttpResponse {
  const text = JSON.stringify(value, function (this: Record<string, unknown>, key, item) {
    const raw = this[key];
    return raw instanceof Date ? raw.getTime() / 1000 : item;
  });
  return {
    statusCode,
    headers: { ...headers, "content-type": "application/json" },
    body: new TextEncoder().encode(text),
  };
}

function header(request: HttpRequest, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(request.headers)) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}

function bodyText(request: HttpRequest): string | undefined {
  const body: unknown = request.body;
  if (body === undefined || body === null) return undefined;
  const text = typeof body === "string" ? body : new TextDecoder().decode(body as Uint8Array);
  return text === "" ? undefined : text;
}

function jsonBody(request: HttpRequest): unknown {
  const text = bodyText(request);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidRequestContentError(
      `Could not parse request body into json: ${(error as Error).message}.`,
      { cause: error },
    );
  }
}

type QueryValue = string | null | (string | null)[] | undefined;
type Query = Record<string, QueryValue>;

function single(value: QueryValue): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first ?? undefined;
}

function boolean(value: QueryValue): boolean | undefined {
  const text = single(value);
  return text === undefined ? undefined : text === "true";
}

function integer(value: QueryValue): number | undefined {
  const text = single(value);
  return text === undefined ? undefined : Number(text);
}

function timestamp(value: QueryValue, name: string): Date | undefined {
  const text = single(value);
  if (text === undefined) return undefined;
  const time = new Date(text);
  if (Number.isNaN(time.getTime())) {
    throw new InvalidParameterValueError(
      `${name} must be an ISO-8601 timestamp such as 2025-01-01T00:00:00Z, got "${text}".`,
    );
  }
  return time;
}
