import { mkdtempSync, readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { LambdaClient } from "@aws-sdk/client-lambda";
import type { LocalServer } from "../../src/index.js";

const REPO_ROOT = resolve(import.meta.dirname, "..", "..", "..", "..");

/** Builds an example's deployment zip into a temporary folder (scripts/build-example.mjs). */
export function exampleZip(example: string): Promise<Buffer> {
  return bundleZip(join(REPO_ROOT, "examples", example));
}

/** Builds the zip of a test fixture, `test/fixtures/<name>/src/handler.ts`, the same way. */
export function fixtureZip(name: string): Promise<Buffer> {
  return bundleZip(join(import.meta.dirname, "..", "fixtures", name));
}

async function bundleZip(dir: string): Promise<Buffer> {
  const builder = pathToFileURL(join(REPO_ROOT, "scripts", "build-example.mjs")).href;
  const { buildExample } = (await import(builder)) as {
    buildExample: (dir: string, options: { outDir: string }) => Promise<{ zipPath: string }>;
  };
  const outDir = mkdtempSync(join(tmpdir(), "durable-zip-"));
  const { zipPath } = await buildExample(dir, { outDir });
  return readFileSync(zipPath);
}

/** A raw HTTP request, for headers fetch will not set (Host) or a client would not send. */
export function rawRequest(
  server: LocalServer,
  request: { method: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: "127.0.0.1",
        port: server.port,
        method: request.method,
        path: request.path,
        headers: request.headers,
        signal: AbortSignal.timeout(20_000),
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        response.on("error", reject);
      },
    );
    outgoing.on("error", reject);
    outgoing.end(request.body);
  });
}

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), "durable-local-test-"));
}

export function clientFor(server: LocalServer): LambdaClient {
  return new LambdaClient({
    endpoint: server.url,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
}

/**
 * Polls `check` until it returns a value other than undefined, for at most `ms`: long enough for a
 * loaded 2-core machine, short of the test timeout, so a hang names what it waited for.
 */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  ms = 25_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${ms} ms waiting for ${what}.`);
    await new Promise((wake) => setTimeout(wake, 10));
  }
}

/** Moves the server's clock to its next timer and lets the driver run. */
export function skipToNextTimer(server: LocalServer): void {
  const next = server.lambda.service.nextTimerAt();
  if (next === undefined) throw new Error("No timer is pending.");
  server.lambda.clock.skipTo(next);
  server.lambda.kick();
}
