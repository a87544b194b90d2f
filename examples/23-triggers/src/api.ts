import {
  DurableExecutionAlreadyStartedException,
  GetDurableExecutionCommand,
  InvokeCommand,
  ListDurableExecutionsByFunctionCommand,
} from "@aws-sdk/client-lambda";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { OrderError, parseOrder } from "./order.js";
import type { WorkflowTarget } from "./target.js";

const ROUTES = "POST /orders (add ?wait=true to wait for the outcome) and GET /orders/{orderId}";

/** One execution per order: a client that retries its POST gets the same execution back. */
export function executionNameFor(orderId: string): string {
  return `order-${orderId}`;
}

/**
 * An HTTP API (payload format 2.0) in front of the workflow:
 * - `POST /orders` starts it asynchronously (`Event`) and answers 202 with where to read it;
 * - `POST /orders?wait=true` starts it synchronously (`RequestResponse`) and answers with its
 *   outcome;
 * - `GET /orders/{orderId}` reads the execution with GetDurableExecution.
 */
export function createApiHandler({ lambda, functionName, qualifier }: WorkflowTarget) {
  const start = async (event: APIGatewayProxyEventV2) => {
    const order = parseOrder(bodyOf(event), "The request body");
    const wait = event.queryStringParameters?.wait === "true";
    const response = await lambda.send(
      new InvokeCommand({
        FunctionName: functionName,
        Qualifier: qualifier,
        InvocationType: wait ? "RequestResponse" : "Event",
        DurableExecutionName: executionNameFor(order.orderId),
        Payload: JSON.stringify(order),
      }),
    );
    const statusUrl = `/orders/${order.orderId}`;
    if (!wait) return json(202, { orderId: order.orderId, statusUrl }, { location: statusUrl });
    const outcome: unknown = JSON.parse(new TextDecoder().decode(response.Payload));
    return response.FunctionError === undefined
      ? json(200, outcome)
      : json(422, { orderId: order.orderId, error: outcome });
  };

  const status = async (orderId: string) => {
    const { DurableExecutions = [] } = await lambda.send(
      new ListDurableExecutionsByFunctionCommand({
        FunctionName: functionName,
        // Unqualified, Lambda lists only $LATEST's executions, not those started through the alias.
        Qualifier: qualifier,
        DurableExecutionName: executionNameFor(orderId),
      }),
    );
    const found = DurableExecutions[0];
    if (found === undefined) return json(404, { message: `No order "${orderId}" was started.` });
    const execution = await lambda.send(
      new GetDurableExecutionCommand({ DurableExecutionArn: found.DurableExecutionArn }),
    );
    return json(200, {
      orderId,
      status: execution.Status,
      startedAt: execution.StartTimestamp?.toISOString(),
      ...(execution.EndTimestamp === undefined
        ? {}
        : { endedAt: execution.EndTimestamp.toISOString() }),
      ...(execution.Result === undefined ? {} : { result: JSON.parse(execution.Result) }),
      ...(execution.Error === undefined ? {} : { error: execution.Error }),
    });
  };

  return async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    const method = event.requestContext.http.method;
    const orderPath = /^\/orders\/([^/]+)$/.exec(event.rawPath);
    try {
      if (method === "POST" && event.rawPath === "/orders") return await start(event);
      if (method === "GET" && orderPath !== null)
        return await status(decodeURIComponent(orderPath[1]!));
    } catch (error) {
      if (error instanceof OrderError) return json(400, { message: error.message });
      if (error instanceof DurableExecutionAlreadyStartedException) {
        return json(409, {
          message: "This orderId was already started with a different order. Use another orderId.",
        });
      }
      throw error;
    }
    return json(404, {
      message: `No route for ${method} ${event.rawPath}: the routes are ${ROUTES}.`,
    });
  };
}

function bodyOf(event: APIGatewayProxyEventV2): string {
  if (event.body === undefined) return "";
  return event.isBase64Encoded ? Buffer.from(event.body, "base64").toString("utf8") : event.body;
}

function json(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  };
}
