import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A call that reached the trap: what the handler tried to do. */
export interface TrappedCall {
  method: string;
  path: string;
}

/**
 * Stands where the Lambda API would be while runs are active. A handler whose runtime ignores the
 * client the harness hands it (or that calls Lambda itself) would otherwise fail with "Region is
 * missing", or reach the real Lambda API: with `AWS_ENDPOINT_URL_LAMBDA` pointing here (and a
 * region and dummy credentials where none are set), its call fails at once, is recorded, and the
 * harness says what happened. One server per process, on 127.0.0.1 and a free port; it never
 * keeps the process alive.
 */
class LambdaTrap {
  readonly calls: TrappedCall[] = [];
  #server: Promise<string> | undefined;
  #saved: Record<string, string | undefined> | undefined;

  /** Starts the server if needed and points Lambda clients created from now on at it. */
  async arm(): Promise<void> {
    this.#server ??= this.#listen();
    const url = await this.#server;
    const defaults: Record<string, string> = {
      AWS_ENDPOINT_URL_LAMBDA: url,
      AWS_REGION: "us-east-1",
      AWS_ACCESS_KEY_ID: "durable-harness",
      AWS_SECRET_ACCESS_KEY: "durable-harness",
    };
    this.#saved = {};
    // A value the user set stays: they chose where Lambda calls go.
    for (const [key, value] of Object.entries(defaults)) {
      this.#saved[key] = process.env[key];
      process.env[key] ??= value;
    }
  }

  disarm(): void {
    for (const [key, value] of Object.entries(this.#saved ?? {})) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    this.#saved = undefined;
  }

  #listen(): Promise<string> {
    const server: Server = createServer((request, response) => {
      this.calls.push({ method: request.method ?? "", path: request.url ?? "" });
      request.resume();
      // A client error the AWS SDK does not retry: the handler learns at once.
      response.writeHead(403, {
        "content-type": "application/json",
        "x-amzn-errortype": "AccessDeniedException",
      });
      response.end(
        JSON.stringify({
          Message:
            "This is the durable-examples test harness, not the Lambda API: checkpoints go through the client in the invocation event.",
        }),
      );
    });
    return new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => {
        server.unref();
        resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
      });
    });
  }
}

export const lambdaTrap = new LambdaTrap();

/** What a trapped call was, by its path (protocol.md §8). */
export function describeCall({ method, path }: TrappedCall): string {
  const api = /\/checkpoint(\?|$)/.test(path)
    ? "CheckpointDurableExecution"
    : /\/state(\?|$)/.test(path)
      ? "GetDurableExecutionState"
      : /\/invocations(\?|$)/.test(path)
        ? "Invoke"
        : "a Lambda API call";
  return `${api}: ${method} ${path.split("?")[0]}`;
}
