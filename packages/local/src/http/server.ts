import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { serveConsole } from "@durable-examples/console";
import { ServiceError } from "@durable-examples/service";
import { UnknownOperationError } from "../errors.js";
import { LocalLambda, type LocalLambdaOptions } from "../local-lambda.js";
import { RequestGuard } from "./request-guard.js";
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
  /**
   * Default 127.0.0.1. Any other address lets other machines run code on this one: the CLI warns.
   */
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
 * signatures are not checked; instead, requests that a web page could make are refused (see
 * {@link RequestGuard}).
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
  const host = options.host ?? "127.0.0.1";
  // Set once listening, before any request can arrive: the guard needs the port.
  let guard: RequestGuard | undefined;
  const server = createServer((request, response) => {
    void handle(lambda, guard!, request, response, options.onRequest);
  });
  // Node closes an idle keep-alive connection after 5 s, and a client (the SDK in a test, or in a
  // function between two checkpoints) that sends on it as it closes gets ECONNRESET. A minute
  // makes that race as rare as against Lambda's own endpoint.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error) => {
      // A taken port: give the data directory back for the next try.
      lambda.close();
      reject(error);
    });
    server.listen(options.port ?? 9000, host, () => {
      server.removeAllListeners("error");
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  guard = new RequestGuard(host, port);
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
  guard: RequestGuard,
  request: IncomingMessage,
  response: ServerResponse,
  onRequest: ((line: string) => void) | undefined,
): Promise<void> {
  const started = performance.now();
  const method = request.method ?? "GET";
  const rawUrl = request.url ?? "/";
  const queryStart = rawUrl.indexOf("?");
  const rawPath = queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart);
  const logRequest = (status: number, operation: string) =>
    onRequest?.(
      `${method} ${rawPath} ${operation} ${status} ${(performance.now() - started).toFixed(1)}ms`,
    );
  let reply: Reply;
  let operation = "Unknown";
  try {
    const match = matchRoute(method, rawPath);
    if (match === undefined || "allowed" in match) {
      await readBody(request, BODY_LIMITS.other, "unknown").catch(() => undefined);
      guard.checkCaller(request.headers);
      // The web console: GET / and its assets, at paths no Lambda API route uses.
      if (serveConsole(request, response)) {
        logRequest(response.statusCode, "Console");
        return;
      }
      throw unknownRoute(method, rawPath, match?.allowed);
    } else {
      operation = match.route.operation;
      const body = await readBody(request, match.route.limit, operation);
      guard.checkCaller(request.headers);
      guard.checkContentType(
        operation,
        match.route.body,
        request.headers["content-type"],
        body.length,
      );
      reply = await match.route.handle(lambda, {
        params: match.params,
        query: new URLSearchParams(queryStart === -1 ? "" : rawUrl.slice(queryStart + 1)),
        headers: request.headers,
        body,
      });
    }
    // What the answer reflects is flushed first, so it cannot be lost to a power cut.
    lambda.flush();
  } catch (error) {
    reply = errorReply(error);
    if (!(error instanceof ServiceError)) {
      process.stderr.write(
        `[durable-local] ${method} ${rawPath} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
    }
  }
  write(response, reply);
  logRequest(reply.status, operation);
}

/** Lambda answers a method a path does not take, like an unknown path, with a 404. */
function unknownRoute(
  method: string,
  rawPath: string,
  allowed: string[] | undefined,
): UnknownOperationError {
  return new UnknownOperationError(
    allowed === undefined
      ? `No Lambda API operation at ${method} ${rawPath}. The local service answers function management, Invoke and the durable execution commands (see packages/local/README.md).`
      : `No Lambda API operation at ${method} ${rawPath}: that path takes ${allowed.join(" or ")}.`,
  );
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
