import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONTENT_SECURITY_POLICY, consoleAssets, serveConsole } from "../src/index.js";

// serveConsole reads the browser modules from dist/, so turbo builds this package before its
// tests (turbo.json).

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    if (serveConsole(request, response)) return;
    response.writeHead(404, { "content-type": "text/plain" });
    response.end("not the console");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("serveConsole", () => {
  it("serves the page at / with a strict Content-Security-Policy and revalidation", async () => {
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-cache");
    expect(response.headers.get("content-security-policy")).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    const html = await response.text();
    expect(html).toContain('<script type="module" src="/js/page/main.js"></script>');
    // Nothing inline that the policy would block.
    expect(html).not.toMatch(/<script>|<style|\sstyle=|\son\w+=/);
  });

  it("serves each asset the page loads with its content type", async () => {
    const types = await Promise.all(
      ["/console.css", "/favicon.svg", "/js/page/main.js", "/js/timeline/layout.js"].map(
        async (path) => (await fetch(`${base}${path}?v=1`)).headers.get("content-type"),
      ),
    );
    expect(types).toEqual([
      "text/css; charset=utf-8",
      "image/svg+xml",
      "text/javascript; charset=utf-8",
      "text/javascript; charset=utf-8",
    ]);
  });

  it("answers 304 when the browser's copy is current, and HEAD without a body", async () => {
    const first = await fetch(`${base}/console.css`);
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[\w-]{22}"$/);
    const again = await fetch(`${base}/console.css`, { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    const head = await fetch(`${base}/console.css`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe(String((await first.text()).length));
    expect(await head.text()).toBe("");
  });

  it("leaves every other request to the caller: other methods, paths and files", async () => {
    const answers = await Promise.all(
      [
        ["POST", "/"],
        ["GET", "/2015-03-31/functions/"],
        ["GET", "/js/page/../../package.json"],
        ["GET", "/js/page/main.d.ts"],
        ["GET", "/public/index.html"],
      ].map(async ([method, path]) => (await fetch(`${base}${path}`, { method })).status),
    );
    expect(answers).toEqual([404, 404, 404, 404, 404]);
  });

  it("weighs under 80 KB in all, uncompressed", () => {
    const total = consoleAssets().reduce((sum, asset) => sum + asset.bytes, 0);
    expect(total).toBeGreaterThan(10_000);
    expect(total).toBeLessThan(80_000);
  });
});
