import { type ChildProcess, spawn } from "node:child_process";
import { resolve } from "node:path";
import { createInterface } from "node:readline";

const CLI = resolve(import.meta.dirname, "..", "..", "src", "cli.ts");

/** A durable-local started as its own process, as `pnpm start` runs it. */
export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Where it said its web console is. */
  consoleUrl: string;
  /** Everything it wrote to stderr so far. */
  stderr: () => string;
}

/**
 * Starts `durable-local` (from source, through tsx) and resolves once it listens; rejects with
 * its stderr if it exits first.
 */
export function startServerProcess(args: string[]): Promise<ServerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", CLI, "--port", "0", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  return new Promise((resolveStart, reject) => {
    // It prints its endpoint, then its web console's URL: started once both are out.
    let url: string | undefined;
    createInterface({ input: child.stdout! }).on("line", (line) => {
      url ??= /listening on (http:\/\/\S+)/.exec(line)?.[1];
      const consoleUrl = /web console at (http:\/\/\S+)/.exec(line)?.[1];
      if (url !== undefined && consoleUrl !== undefined) {
        resolveStart({ child, url, consoleUrl, stderr: () => stderr });
      }
    });
    child.once("exit", (code) =>
      reject(
        Object.assign(new Error(`durable-local exited with ${code}: ${stderr}`), { code, stderr }),
      ),
    );
  });
}

/** Runs `durable-local` to its exit and returns its exit code and stderr. */
export function runServerToExit(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return startServerProcess(args).then(
    async (server) => {
      server.child.kill("SIGTERM");
      throw new Error(`durable-local started at ${server.url} instead of exiting`);
    },
    (error: { code: number | null; stderr: string }) => ({
      code: error.code,
      stderr: error.stderr,
    }),
  );
}
