import { type LambdaClient, ListFunctionsCommand } from "@aws-sdk/client-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exposedHostWarning, isLoopbackHost } from "../../src/http/request-guard.js";
import { type LocalServer, startLocalServer } from "../../src/index.js";
import { clientFor, rawRequest, tempDataDir } from "./helpers.js";
import { handlerZip } from "./zip-files.js";

/** Counts the calls of the deployed handler, which runs in this process. */
const RAN = "__durableLocalGuardTestRuns";
const counter = globalThis as unknown as Record<string, number | undefined>;

let server: LocalServer;
let client: LambdaClient;
let host: string;

function createBody(name: string): string {
  return JSON.stringify({
    FunctionName: name,
    Role: "arn:aws:iam::123456789012:role/test",
    Handler: "index.handler",
    Code: {
      ZipFile: handlerZip(
        `globalThis.${RAN} = (globalThis.${RAN} ?? 0) + 1; return "ran";`,
      ).toString("base64"),
    },
  });
}

async function functionNames(): Promise<string[]> {
  const { Functions = [] } = await client.send(new ListFunctionsCommand({ MaxItems: 1000 }));
  return Functions.map((fn) => fn.FunctionName!);
}

function invoke(headers: Record<string, string>) {
  return rawRequest(server, {
    method: "POST",
    path: "/2015-03-31/functions/target/invocations",
    headers: { host, "content-type": "application/json", ...headers },
    body: "{}",
  });
}

beforeAll(async () => {
  server = await startLocalServer({ port: 0, dataDir: tempDataDir() });
  client = clientFor(server);
  host = `127.0.0.1:${server.port}`;
  const created = await rawRequest(server, {
    method: "POST",
    path: "/2015-03-31/functions",
    headers: { host, "content-type": "application/json" },
    body: createBody("target"),
  });
  expect(created.status).toBe(201);
});

afterAll(async () => {
  client?.destroy();
  await server?.close();
});

describe("the request guard", () => {
  it("creates nothing from a text/plain request, which any web page can send", async () => {
    const response = await rawRequest(server, {
      method: "POST",
      path: "/2015-03-31/functions",
      headers: { host, "content-type": "text/plain;charset=UTF-8" },
      body: createBody("from-a-page"),
    });
    expect(response.status).toBe(415);
    expect(response.headers["x-amzn-errortype"]).toBe("UnsupportedMediaTypeException");
    expect(JSON.parse(response.body).message).toBe(
      "CreateFunction does not take Content-Type text/plain, which any web page can send. Send application/json.",
    );
    expect(await functionNames()).not.toContain("from-a-page");
  });

  it("runs nothing for a text/plain or form Invoke, and creates nothing untyped", async () => {
    const before = counter[RAN] ?? 0;
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"]) {
      const response = await invoke({ "content-type": type });
      expect(response.status).toBe(415);
    }
    const untyped = await rawRequest(server, {
      method: "POST",
      path: "/2015-03-31/functions",
      headers: { host },
      body: createBody("untyped"),
    });
    expect(JSON.parse(untyped.body).message).toBe(
      "CreateFunction takes a body of Content-Type application/json, got none.",
    );
    expect(await functionNames()).not.toContain("untyped");
    expect(counter[RAN] ?? 0).toBe(before);
  });

  it("runs an Invoke whose payload has no Content-Type, as the AWS CLI sends it", async () => {
    const before = counter[RAN] ?? 0;
    const response = await rawRequest(server, {
      method: "POST",
      path: "/2015-03-31/functions/target/invocations",
      headers: { host },
      body: "{}",
    });
    expect(response.status).toBe(200);
    expect(counter[RAN]).toBe(before + 1);
  });

  it("refuses a request from another origin, and runs nothing", async () => {
    const before = counter[RAN] ?? 0;
    for (const origin of ["https://evil.example", `http://localhost:${server.port + 1}`, "null"]) {
      const response = await invoke({ origin });
      expect(response.status).toBe(403);
      expect(response.headers["x-amzn-errortype"]).toBe("AccessDeniedException");
      expect(JSON.parse(response.body).message).toBe(
        `Origin "${origin}" may not call this server: it takes requests from tools (no Origin) and from its own pages (http://127.0.0.1:${server.port} or http://localhost:${server.port}), never from other web pages.`,
      );
    }
    expect(counter[RAN] ?? 0).toBe(before);
  });

  it("refuses a Host that is not this server, the mark of DNS rebinding", async () => {
    const before = counter[RAN] ?? 0;
    const response = await invoke({ host: `evil.example:${server.port}` });
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body).message).toBe(
      `Host "evil.example:${server.port}" is not this server. It answers only to localhost, 127.0.0.1, [::1], so that a web page cannot reach it through a DNS name made to point here.`,
    );
    const listing = await rawRequest(server, {
      method: "GET",
      path: "/2015-03-31/functions",
      headers: { host: "rebound.example" },
    });
    expect(listing.status).toBe(403);
    expect(counter[RAN] ?? 0).toBe(before);
  });

  it("takes loopback names and the server's own origin, where its web console runs", async () => {
    const before = counter[RAN] ?? 0;
    const allowed: Record<string, string>[] = [
      { host: `localhost:${server.port}` },
      { host: `[::1]:${server.port}` },
      { origin: `http://127.0.0.1:${server.port}` },
      { host: `localhost:${server.port}`, origin: `http://localhost:${server.port}` },
    ];
    for (const headers of allowed) {
      const response = await invoke(headers);
      expect(response.status).toBe(200);
      expect(response.body).toBe('"ran"');
    }
    expect(counter[RAN]).toBe(before + 4);
  });
});

describe("exposedHostWarning", () => {
  it("warns about an address other machines can reach, and not about loopback", () => {
    expect(exposedHostWarning("0.0.0.0")).toBe(
      [
        "WARNING: listening on 0.0.0.0, which other machines can reach.",
        "This server has no authentication: anyone who can reach this port can deploy code and run it on this machine.",
        "Use --host 127.0.0.1 (the default) unless this network is yours alone.",
      ].join("\n"),
    );
    expect(exposedHostWarning("192.168.1.20")).toContain("listening on 192.168.1.20");
    for (const loopback of ["127.0.0.1", "127.1.2.3", "localhost", "::1", "app.localhost"]) {
      expect(isLoopbackHost(loopback)).toBe(true);
      expect(exposedHostWarning(loopback)).toBeUndefined();
    }
  });
});
