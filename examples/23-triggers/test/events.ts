import type { APIGatewayProxyEventV2, SQSEvent, SQSRecord } from "aws-lambda";

/** An HTTP API request (payload format 2.0) as API Gateway sends it to a `$default` route. */
export function apiRequest(
  method: string,
  pathAndQuery: string,
  body?: unknown,
): APIGatewayProxyEventV2 {
  const [rawPath, rawQueryString = ""] = pathAndQuery.split("?") as [string, string?];
  const query = new URLSearchParams(rawQueryString);
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath,
    rawQueryString,
    headers: { "content-type": "application/json", host: "api.example.com" },
    ...(query.size === 0 ? {} : { queryStringParameters: Object.fromEntries(query) }),
    requestContext: {
      accountId: "123456789012",
      apiId: "orders-api",
      domainName: "api.example.com",
      domainPrefix: "api",
      http: {
        method,
        path: rawPath,
        protocol: "HTTP/1.1",
        sourceIp: "198.51.100.7",
        userAgent: "curl/8.5.0",
      },
      requestId: "req-1",
      routeKey: "$default",
      stage: "$default",
      time: "01/Jan/2025:00:00:00 +0000",
      timeEpoch: 1735689600000,
    },
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
    isBase64Encoded: false,
  };
}

/** An SQS message as the event source mapping delivers it. */
export function sqsMessage(messageId: string, body: unknown, receiveCount = 1): SQSRecord {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return {
    messageId,
    receiptHandle: `handle-${messageId}-${receiveCount}`,
    body: text,
    attributes: {
      ApproximateReceiveCount: String(receiveCount),
      SentTimestamp: "1735689600000",
      SenderId: "AIDAEXAMPLE",
      ApproximateFirstReceiveTimestamp: "1735689600100",
    },
    messageAttributes: {},
    md5OfBody: "0".repeat(32),
    eventSource: "aws:sqs",
    eventSourceARN: "arn:aws:sqs:us-east-1:123456789012:orders",
    awsRegion: "us-east-1",
  };
}

export function sqsBatch(...records: SQSRecord[]): SQSEvent {
  return { Records: records };
}
