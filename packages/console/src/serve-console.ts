import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The Content-Security-Policy of every console response. The console's own origin only: scripts, styles, images and API calls from the server itself,
 * nothing inline, no frames, no forms posting elsewhere. The page's SVG is coloured with
 * attributes, which style-src does not govern.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".svg": "image/svg+xml",
};

interface Asset {
  body: Buffer;
  contentType: string;
  etag: string;
}

const PACKAGE_ROOT = fileURLToPath(new URL("..", import.meta.url));

/** The URL paths the console serves, each to a file read once: a fixed table, so no path from a request ever reaches the file system. */
let assets: Map<string, Asset> | undefined;

function loadAssets(): Map<string, Asset> {
  const table = new Map<string, Asset>();
  const add = (urlPath: string, file: string) => {
    const body = readFileSync(file);
    const contentType = CONTENT_TYPES[extname(file)];
    if (contentType === undefined) return;
    const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 22)}"`;
    table.set(urlPath, { body, contentType, etag });
  };
  const publicDir = join(PACKAGE_ROOT, "public");
  for (const name of readdirSync(publicDir)) add(`/${name}`, join(publicDir, name));
  // The browser modules, compiled from src/page and src/timeline by the package's build.
  for (const folder of ["page", "timeline"]) {
    const dir = join(PACKAGE_ROOT, "dist", folder);
    for (const name of readdirSync(dir)) {
      if (name.endsWith(".js")) add(`/js/${folder}/${name}`, join(dir, name));
    }
  }
  table.set("/", table.get("/index.html")!);
  return table;
}

/**
 * The files the console serves, with their sizes in bytes (its weight, uncompressed).
 *
 * @example
 * consoleAssets().reduce((sum, asset) => sum + asset.bytes, 0);
 */
export function consoleAssets(): { path: string; bytes: number; contentType: string }[] {
  assets ??= loadAssets();
  return [...assets]
    .filter(([path]) => path !== "/")
    .map(([path, asset]) => ({ path, bytes: asset.body.length, contentType: asset.contentType }));
}

/**
 * Serves the web console: `GET /` and its assets, with their content types, an ETag (answered
 * with 304 when it matches), `Cache-Control: no-cache` (the files change when the package is
 * rebuilt, so the browser revalidates) and a strict Content-Security-Policy. Returns false,
 * having written nothing, for any other request, so the caller answers it.
 *
 * @example
 * createServer((request, response) => {
 *   if (serveConsole(request, response)) return;
 *   // ... the Lambda API
 * });
 */
export function serveConsole(request: IncomingMessage, response: ServerResponse): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  const rawUrl = request.url ?? "/";
  const queryStart = rawUrl.indexOf("?");
  const path = queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart);
  assets ??= loadAssets();
  const asset = assets.get(path);
  if (asset === undefined) return false;
  const headers: Record<string, string> = {
    "content-type": asset.contentType,
    "cache-control": "no-cache",
    etag: asset.etag,
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
  };
  if (request.headers["if-none-match"] === asset.etag) {
    response.writeHead(304, headers);
    response.end();
    return true;
  }
  headers["content-length"] = String(asset.body.length);
  response.writeHead(200, headers);
  response.end(request.method === "HEAD" ? undefined : asset.body);
  return true;
}
