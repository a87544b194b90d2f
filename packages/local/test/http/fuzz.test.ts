import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalServer, startLocalServer } from "../../src/index.js";
import { rawRequest, tempDataDir } from "./helpers.js";
import { handlerZip } from "./zip-files.js";

/** Bounded so that CI spends a few seconds here on a loaded machine, whichever comes first. */
const MAX_REQUESTS = 2000;
const MAX_MS = 4000;
/** A request that takes longer than this counts as a hang. */
const HANG_MS = 10_000;
const SEED = Number(process.env.FUZZ_SEED ?? 13);

/** mulberry32: a small seeded generator, so a failure can be replayed with FUZZ_SEED. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"];
const PATHS = [
  "/2015-03-31/functions",
  "/2015-03-31/functions/{}",
  "/2015-03-31/functions/{}/configuration",
  "/2015-03-31/functions/{}/code",
  "/2015-03-31/functions/{}/versions",
  "/2015-03-31/functions/{}/aliases",
  "/2015-03-31/functions/{}/aliases/{}",
  "/2015-03-31/functions/{}/invocations",
  "/2017-03-31/tags/{}",
  "/2025-12-01/functions/{}/durable-executions",
  "/2025-12-01/durable-executions/{}",
  "/2025-12-01/durable-executions/{}/checkpoint",
  "/2025-12-01/durable-executions/{}/state",
  "/2025-12-01/durable-executions/{}/history",
  "/2025-12-01/durable-executions/{}/stop",
  "/2025-12-01/durable-execution-callbacks/{}/succeed",
  "/2025-12-01/durable-execution-callbacks/{}/fail",
  "/2025-12-01/durable-execution-callbacks/{}/heartbeat",
  "/",
  "/..%2f..%2fetc%2fpasswd",
];
const LABELS = [
  "fuzz",
  "fuzz-durable",
  "fuzz:1",
  "fuzz:$LATEST",
  "fuzz-durable:live",
  "arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Afuzz",
  "%zz",
  "%00",
  "..",
  "x".repeat(300),
  "%E2%98%83",
  "",
];
const QUERIES = [
  "",
  "?Qualifier=1",
  "?Qualifier=live",
  "?MaxItems=0",
  "?MaxItems=-1",
  "?MaxItems=99999999999999999999",
  "?MaxItems=abc",
  "?Marker=%zz",
  "?Marker=eyJsIjoiZnVuY3Rpb25zIiwiYSI6NX0",
  "?FunctionVersion=ALL",
  "?Statuses=RUNNING&Statuses=NOPE",
  "?StartedAfter=yesterday",
  "?ReverseOrder=maybe",
  "?IncludeExecutionData=false",
  "?tagKeys=a&tagKeys=",
  "?CheckpointToken=x",
];
const TYPES = [
  undefined,
  "application/json",
  "application/octet-stream",
  "text/plain",
  "application/json; charset=utf-8",
  "multipart/form-data; boundary=x",
  "application/x-amz-json-1.1",
];
const BODIES: (() => unknown)[] = [
  () => undefined,
  () => ({}),
  () => [],
  () => null,
  () => "text",
  () => 12,
  () => ({ FunctionName: "fuzz-new", Code: { ZipFile: "not base64 at all" } }),
  () => ({ FunctionName: 5, Role: [], Handler: {}, Timeout: "3", MemorySize: -1 }),
  () => ({
    FunctionName: "fuzz-new",
    Code: { ZipFile: handlerZip("return 1;").toString("base64") },
    Handler: "../x.handler",
  }),
  () => ({ DurableConfig: { ExecutionTimeout: "1" }, Tags: { "aws:x": 1 } }),
  () => ({ DurableConfig: [], Tags: "t", Environment: { Variables: 5 } }),
  () => ({ Name: "alias", FunctionVersion: 1, RoutingConfig: "x" }),
  () => ({ CheckpointToken: 5, Updates: "x" }),
  () => ({ CheckpointToken: "t", Updates: [{ Id: 1, Type: "STEP", Action: "START" }, null, "x"] }),
  () => ({ Updates: [{ Type: "EXECUTION", Action: "SUCCEED", Payload: { a: 1 } }] }),
  () => ({ ErrorMessage: 5, ErrorType: [], ErrorData: {}, StackTrace: "x" }),
  () => ({ Tags: { a: "b" } }),
  () => ({ ZipFile: 5, Publish: "yes", CodeSha256: 1 }),
  () => JSON.parse(`${"[".repeat(2000)}${"]".repeat(2000)}`),
];
const HEADERS: Record<string, string>[] = [
  {},
  { "x-amz-invocation-type": "Event" },
  { "x-amz-invocation-type": "Bogus" },
  { "x-amz-invocation-type": "DryRun" },
  { "x-amz-durable-execution-name": "n".repeat(100) },
  { "x-amz-durable-execution-name": "fuzz-name" },
  { origin: "https://evil.example" },
  { "x-amz-client-context": "%%%" },
];

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)]!;
}

function bodyText(next: () => number, value: unknown): string | Buffer | undefined {
  if (next() < 0.1) return Buffer.from(Array.from({ length: 64 }, () => Math.floor(next() * 256)));
  if (value === undefined) return undefined;
  const text = JSON.stringify(value);
  return next() < 0.1 ? text.slice(0, Math.floor(text.length / 2)) : text;
}

function send(
  server: LocalServer,
  method: string,
  path: string,
  headers: Record<string, string>,
  body: string | Buffer | undefined,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: "127.0.0.1",
        port: server.port,
        method,
        path,
        // Without it, Node's client sends a GET, DELETE or OPTIONS body unframed.
        headers: {
          ...headers,
          "content-length": String(body === undefined ? 0 : Buffer.byteLength(body)),
        },
        signal: AbortSignal.timeout(HANG_MS),
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
        response.on("error", reject);
      },
    );
    outgoing.on("error", (error) =>
      reject(new Error(`${method} ${path} got no answer: ${error.message}`, { cause: error })),
    );
    outgoing.end(body);
  });
}

let server: LocalServer;

beforeAll(async () => {
  server = await startLocalServer({ port: 0, dataDir: tempDataDir(), skipIdle: true });
  for (const [name, durable] of [
    ["fuzz", false],
    ["fuzz-durable", true],
  ] as const) {
    const created = await rawRequest(server, {
      method: "POST",
      path: "/2015-03-31/functions",
      headers: { host: `127.0.0.1:${server.port}`, "content-type": "application/json" },
      body: JSON.stringify({
        FunctionName: name,
        Code: { ZipFile: handlerZip("return event;").toString("base64") },
        ...(durable ? { DurableConfig: { ExecutionTimeout: 60 } } : {}),
      }),
    });
    expect(created.status).toBe(201);
  }
});

afterAll(async () => {
  await server?.close();
});

describe("the local server under malformed requests", () => {
  it("never crashes, answers 5xx or hangs", async () => {
    const next = random(SEED);
    const deadline = Date.now() + MAX_MS;
    const serverErrors: string[] = [];
    let sent = 0;
    while (sent < MAX_REQUESTS && Date.now() < deadline) {
      const method = pick(next, METHODS);
      const path =
        pick(next, PATHS).replaceAll("{}", () => pick(next, LABELS)) + pick(next, QUERIES);
      const type = pick(next, TYPES);
      const headers: Record<string, string> = {
        host: `127.0.0.1:${server.port}`,
        ...(type === undefined ? {} : { "content-type": type }),
        ...pick(next, HEADERS),
      };
      const body =
        method === "GET" || method === "HEAD" ? undefined : bodyText(next, pick(next, BODIES)());
      const status = await send(server, method, path, headers, body).catch((error: Error) => {
        serverErrors.push(
          `${error.message} ${JSON.stringify(headers)} ${String(body).slice(0, 120)}`,
        );
        return -1;
      });
      sent++;
      if (status >= 500 || status === 0) {
        serverErrors.push(
          `${status} ${method} ${path} ${type ?? ""} ${String(body).slice(0, 120)}`,
        );
      }
    }
    expect(serverErrors, `seed ${SEED}`).toEqual([]);
    expect(sent).toBeGreaterThan(100);

    // Still serving: the fuzzing may have deleted the functions, but the listing answers.
    const listing = await rawRequest(server, {
      method: "GET",
      path: "/2015-03-31/functions",
      headers: { host: `127.0.0.1:${server.port}` },
    });
    expect(listing.status).toBe(200);
    expect(JSON.parse(listing.body)).toEqual({ Functions: expect.any(Array) });
  });
});
