// A fake Lambda endpoint on 127.0.0.1, port 0: it records every request the CLI makes and
// answers from the routes a test gives it, in the Lambda REST JSON shapes (protocol.md §8).
// A request no route matches is recorded in `unhandled` and answered with an error naming it,
// never dropped, so a test can assert that nothing unexpected was sent.
import { createServer } from "node:http";

// The SDK warns once per process that its releases after January 2027 need Node 22; durable.mjs
// turns that off for the CLI, and this does the same for the test workers, which call main().
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

/**
 * @typedef {object} RecordedRequest
 * @property {string} method
 * @property {string} path the path with each segment percent-decoded (ARNs readable)
 * @property {string} rawPath the path as sent
 * @property {Record<string, string | string[]>} query repeated keys become arrays
 * @property {import("node:http").IncomingHttpHeaders} headers
 * @property {string} body
 * @property {unknown} json the body parsed as JSON, or undefined
 * @property {Record<string, string>} params the route's {Label} values, decoded
 */

/**
 * @typedef {object} Reply
 * @property {number} [status]
 * @property {Record<string, string>} [headers]
 * @property {unknown} [body] an object is sent as JSON, a string or Buffer as it is
 */

/**
 * @typedef {object} Route
 * @property {string} method
 * @property {string[]} segments the pattern split on "/", labels as "{Name}"
 * @property {(request: RecordedRequest) => Reply | Promise<Reply>} reply
 * @property {boolean} once answer one request only, then step aside
 * @property {boolean} used
 */

/**
 * A route for `startFakeLambda`: "GET /2025-12-01/durable-executions/{DurableExecutionArn}".
 * @param {string} spec method and path pattern
 * @param {Reply | ((request: RecordedRequest) => Reply | Promise<Reply>)} reply
 * @param {{ once?: boolean }} [options] once: answer a single request (for sequences)
 * @returns {Route}
 */
export function route(spec, reply, options = {}) {
  const [method, path] = spec.split(" ");
  return {
    method: /** @type {string} */ (method),
    segments: /** @type {string} */ (path).split("/"),
    reply: typeof reply === "function" ? reply : () => reply,
    once: options.once === true,
    used: false,
  };
}

/**
 * A JSON reply.
 * @param {unknown} body
 * @param {number} [status]
 * @param {Record<string, string>} [headers]
 * @returns {Reply}
 */
export function json(body, status = 200, headers = {}) {
  return { status, headers, body };
}

/**
 * A Lambda error: the status, the x-amzn-errortype header and the body the service sends
 * (ResourceNotFoundException spells its message "Message", the others "message").
 * @param {number} status
 * @param {string} type e.g. "ResourceNotFoundException"
 * @param {string} message
 * @returns {Reply}
 */
export function lambdaError(status, type, message) {
  const key = type === "ResourceNotFoundException" ? "Message" : "message";
  return {
    status,
    headers: { "x-amzn-errortype": type },
    body: { Type: "User", [key]: message },
  };
}

/**
 * Starts the fake. Routes are tried newest first, so `use` overrides what was given before.
 * @param {Route[]} [routes]
 */
export async function startFakeLambda(routes = []) {
  /** @type {Route[]} */
  let table = [...routes].reverse();
  /** @type {RecordedRequest[]} */
  const requests = [];
  /** @type {RecordedRequest[]} */
  const unhandled = [];

  const server = createServer(async (incoming, response) => {
    const chunks = [];
    for await (const chunk of incoming) chunks.push(chunk);
    const url = new URL(incoming.url ?? "/", "http://fake");
    /** @type {Record<string, string | string[]>} */
    const query = {};
    for (const [key, value] of url.searchParams) {
      const seen = query[key];
      query[key] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
    }
    const body = Buffer.concat(chunks).toString("utf8");
    /** @type {RecordedRequest} */
    const request = {
      method: incoming.method ?? "GET",
      path: url.pathname.split("/").map(decodeURIComponent).join("/"),
      rawPath: url.pathname,
      query,
      headers: incoming.headers,
      body,
      json: parseJson(body),
      params: {},
    };
    requests.push(request);

    const segments = url.pathname.split("/");
    const match = table.find((candidate) => {
      if (candidate.once && candidate.used) return false;
      if (candidate.method !== request.method) return false;
      const params = matchSegments(candidate.segments, segments);
      if (params === undefined) return false;
      request.params = params;
      return true;
    });
    let reply;
    if (match === undefined) {
      unhandled.push(request);
      reply = lambdaError(
        400,
        "UnhandledFakeRequest",
        `The fake Lambda has no route for ${request.method} ${request.path}.`,
      );
    } else {
      match.used = true;
      reply = await match.reply(request);
    }
    const payload =
      reply.body === undefined
        ? ""
        : typeof reply.body === "string" || Buffer.isBuffer(reply.body)
          ? reply.body
          : JSON.stringify(reply.body);
    response.writeHead(reply.status ?? 200, {
      "content-type": "application/json",
      ...reply.headers,
    });
    response.end(payload);
  });

  await new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(undefined)));
  const address = /** @type {import("node:net").AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${address.port}`,
    requests,
    unhandled,
    /** Adds routes that win over the ones already there. @param {Route[]} more */
    use(...more) {
      table = [...more.reverse(), ...table];
    },
    /** Every request so far as "METHOD /decoded/path", in order. */
    calls() {
      return requests.map((request) => `${request.method} ${request.path}`);
    },
    close() {
      return new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
}

/**
 * @param {string[]} pattern
 * @param {string[]} actual
 * @returns {Record<string, string> | undefined}
 */
function matchSegments(pattern, actual) {
  if (pattern.length !== actual.length) return undefined;
  /** @type {Record<string, string>} */
  const params = {};
  for (let index = 0; index < pattern.length; index += 1) {
    const want = /** @type {string} */ (pattern[index]);
    const got = decodeURIComponent(/** @type {string} */ (actual[index]));
    if (want.startsWith("{") && want.endsWith("}")) params[want.slice(1, -1)] = got;
    else if (want !== got) return undefined;
  }
  return params;
}

/** @param {string} text */
function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Runs the CLI in process against the fake and collects what it printed.
 * @param {(argv: string[], io: import("../../../lib/durable/context.mjs").DurableIo) => Promise<number>} main
 * @param {string[]} argv
 * @param {Partial<import("../../../lib/durable/context.mjs").DurableIo>} [io]
 */
export async function runDurable(main, argv, io = {}) {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    env: {},
    ...io,
    stdout: { write: (text) => (stdout += text) },
    stderr: { write: (text) => (stderr += text) },
  });
  return { code, stdout, stderr };
}
