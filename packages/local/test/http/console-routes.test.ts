import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalServer, startLocalServer } from "../../src/index.js";
import { rawRequest, tempDataDir } from "./helpers.js";

// What the web console needs of the server besides the Lambda API (function-api.test.ts and
// execution-api.test.ts cover the listings and actions it calls): its files at /, and the
// local-only clock endpoint, both behind the same request guard as the API.

let server: LocalServer;
let skipIdleServer: LocalServer;

async function clock(target: LocalServer, body?: unknown) {
  const response = await fetch(`${target.url}/-/clock`, {
    method: body === undefined ? "GET" : "POST",
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  server = await startLocalServer({ port: 0, dataDir: tempDataDir() });
  skipIdleServer = await startLocalServer({ port: 0, dataDir: tempDataDir(), skipIdle: true });
});

afterAll(async () => {
  await server?.close();
  await skipIdleServer?.close();
});

describe("the console's files", () => {
  it("serves the page at / with a strict Content-Security-Policy", async () => {
    const response = await fetch(`${server.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(await response.text()).toContain('<script type="module" src="/js/page/main.js">');
  });

  it("refuses the page to a Host that is not this server, as it refuses the API", async () => {
    const response = await rawRequest(server, {
      method: "GET",
      path: "/",
      headers: { host: "rebound.example:9000" },
    });
    expect(response.status).toBe(403);
    expect(response.headers["x-amzn-errortype"]).toBe("AccessDeniedException");
  });
});

describe("the local clock endpoint", () => {
  it("shows the clock and refuses to move one that follows the wall clock", async () => {
    const state = await clock(server);
    expect(state.status).toBe(200);
    expect(state.json).toMatchObject({ Speed: 1, SkipIdle: false, Movable: false });
    expect(state.json.Now).toBeTypeOf("number");
    expect(await clock(server, { AdvanceSeconds: 60 })).toEqual({
      status: 409,
      json: {
        Type: "User",
        message:
          "The clock follows the wall clock; start the server with --skip-idle or --speed N to move it by hand.",
      },
    });
  });

  it("moves a --skip-idle server's clock forward by whole seconds", async () => {
    const before = (await clock(skipIdleServer)).json.Now as number;
    const moved = await clock(skipIdleServer, { AdvanceSeconds: 86_400 });
    expect(moved.status).toBe(200);
    expect(moved.json.Movable).toBe(true);
    expect(moved.json.Now as number).toBeGreaterThanOrEqual(before + 86_400);
    expect(skipIdleServer.lambda.clock.now().getTime() / 1000).toBeGreaterThanOrEqual(
      before + 86_400,
    );
  });

  it("refuses a move it cannot make, saying what it takes", async () => {
    expect(await clock(skipIdleServer, { AdvanceSeconds: -5 })).toEqual({
      status: 400,
      json: {
        Type: "User",
        message:
          'Send {"AdvanceSeconds": <whole seconds from 1 to 31622400>} or {"ToNextTimer": true}, got AdvanceSeconds -5 and ToNextTimer undefined.',
      },
    });
    expect(await clock(skipIdleServer, { ToNextTimer: true })).toEqual({
      status: 409,
      json: { Type: "User", message: "No timer is pending: nothing to move the clock to." },
    });
  });

  it("refuses a move from another origin or in a body any web page can send", async () => {
    const host = `127.0.0.1:${skipIdleServer.port}`;
    const before = skipIdleServer.lambda.clock.now().getTime();
    const plain = await rawRequest(skipIdleServer, {
      method: "POST",
      path: "/-/clock",
      headers: { host, "content-type": "text/plain" },
      body: '{"AdvanceSeconds": 3600}',
    });
    expect(plain.status).toBe(415);
    expect(JSON.parse(plain.body).message).toBe(
      "AdvanceLocalClock does not take Content-Type text/plain, which any web page can send. Send application/json.",
    );
    const foreign = await rawRequest(skipIdleServer, {
      method: "POST",
      path: "/-/clock",
      headers: { host, origin: "https://evil.example", "content-type": "application/json" },
      body: '{"AdvanceSeconds": 3600}',
    });
    expect(foreign.status).toBe(403);
    expect(foreign.headers["x-amzn-errortype"]).toBe("AccessDeniedException");
    expect(skipIdleServer.lambda.clock.now().getTime() - before).toBeLessThan(3_600_000);
  });
});
