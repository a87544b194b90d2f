import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { LambdaClient } from "@aws-sdk/client-lambda";
import type { LocalServer } from "../../src/index.js";

const REPO_ROOT = resolve(import.meta.dirname, "..", "..", "..", "..");

/** Builds an example's deployment zip into a temporary folder (scripts/build-example.mjs). */
export async function exampleZip(example: string): Promise<Buffer> {
  const builder = pathToFileURL(join(REPO_ROOT, "scripts", "build-example.mjs")).href;
  const { buildExample } = (await import(builder)) as {
    buildExample: (dir: string, options: { outDir: string }) => Promise<{ zipPath: string }>;
  };
  const outDir = mkdtempSync(join(tmpdir(), `durable-zip-${example}-`));
  const { zipPath } = await buildExample(join(REPO_ROOT, "examples", example), { outDir });
  return readFileSync(zipPath);
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
