import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { serveConsole } from "@durable-examples/console";
import { ServiceError } from "../errors.js";
import { LocalLambda, type LocalLambdaOptions } from "../local/local-lambda.js";
import { matchRoute } from "./routes.js";
import { BODY_LIMITS, errorReply, type Reply, readBody, toJson } from "./wire.js";

/**
 * How to start a {@link LocalServer}.
 *
 * @example
 * const server = await startLocalServer({ port: 0, dataDir: mkdtempSync("/tmp/durable-") });
 */
export interface LocalServerOptions extends LocalLambdaOptions {
  /** Default 9000; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Called with one line per request (method, path, status, time): the CLI's --verbose. */
  onRequest?: (line: string) => void;
}

/** A running local Lambda service. */
export interface LocalServer {
  /** `http://127.0.0.1:<port>`: the endpoint for `LambdaClient` or `--endpoint-url`. */
  url: string;
  port: number;
  lambda: LocalLambda;
  /** Stops accepting requests, drops open connections and stops the driver. */
  close(): Promise<void>;
}

/**
 * Starts the Lambda REST API (function management, Invoke and the durable execution commands of
 * protocol.md §8) on a local port, with state in a data directory, so that
 * `@aws-sdk/client-lambda`, the AWS CLI and `pnpm durable` work against it unchanged. SigV4
 * signatures are not checked.
 *
 * @example
 * const server = await startLocalServer({ port: 0, dataDir, skipIdle: true });
 * const client = new LambdaClient({
 *   endpoint: server.url,
 *   region: "us-east-1",
 *   credentials: { accessKeyId: "local", secretAccessKey: "local" },
 * });
 * await server.close();
 */
export async function startLocalServer(options: LocalServerOptions = {}): Promise<LocalServer> {
  const lambda = new LocalLambda(options);
  const server = createServer((request, response) => {
    // The web console: GET / and its assets, at paths no Lambda API route uses.
    if (serveConsole(request, response)) return;
    void handle(lambda, request, response, options.onRequest);
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 9000, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  lambda.start(url);
  return {
    url,
    port,
    lambda,
    close: () =>
      new Promise<void>((resolve) => {
        lambda.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(
  lambda: LocalLambda,
  request: IncomingMessage,
  response: ServerResponse,
  onRequest: ((line: string) => void) | undefined,
): Promise<void> {
  const started = performance.now();
  const method = request.method ?? "GET";
  const rawUrl = request.url ?? "/";
  const queryStart = rawUrl.indexOf("?");
  const rawPath = queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart);
  let reply: Reply;
  let operation = "Unknown";
  try {
    const match = matchRoute(method, rawPath);
    if (match === undefined || "allowed" in match) {
      await readBody(request, BODY_LIMITS.other, "unknown").catch(() => undefined);
      reply = unknownRoute(method, rawPath, match?.allowed);
    } else {
      operation = match.route.operation;
      const body = await readBody(request, match.route.limit, operation);
      reply = await match.route.handle(lambda, {
        params: match.params,
        query: new URLSearchParams(queryStart === -1 ? "" : rawUrl.slice(queryStart + 1)),
        headers: request.headers,
        body,
      });
    }
  } catch (error) {
    reply = errorReply(error);
    if (!(error instanceof ServiceError)) {
      process.stderr.write(
        `[durable-local] ${method} ${rawPath} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
    }
  }
  write(response, reply);
  onRequest?.(
    `${method} ${rawPath} ${operation} ${reply.status} ${(performance.now() - started).toFixed(1)}ms`,
  );
}

function unknownRoute(method: string, rawPath: string, allowed: string[] | undefined): Reply {
  const message =
    allowed === undefined
      ? `No Lambda API operation at ${method} ${rawPath}. The local service answers function management, Invoke and the durable execution commands (see packages/service/README or protocol.md §8).`
      : `${method} is not allowed on ${rawPath}; use ${allowed.join(" or ")}.`;
  return {
    status: allowed === undefined ? 404 : 405,
    headers: { "x-amzn-errortype": "UnknownOperationException" },
    json: { Type: "User", message },
  };
}

function write(response: ServerResponse, reply: Reply): void {
  if (response.headersSent || response.destroyed) return;
  const headers: Record<string, string> = { ...reply.headers };
  let body: string | Buffer | undefined = reply.body;
  if (reply.json !== undefined) {
    body = toJson(reply.json);
    headers["content-type"] = "application/json";
  }
  headers["x-amzn-requestid"] = crypto.randomUUID();
  response.writeHead(reply.status, headers);
  response.end(body);
}
