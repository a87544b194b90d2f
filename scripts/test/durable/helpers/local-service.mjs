// The local durable execution service, started in this process on 127.0.0.1 (port 0) with a
// throwaway data directory, and a client for it: what the end-to-end tests of export, replay
// and the deploy gate run against. This is the one file in scripts/ that imports the server, so
// moving the server to another package changes one import here.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  GetDurableExecutionCommand,
  GetDurableExecutionHistoryCommand,
  LambdaClient,
} from "@aws-sdk/client-lambda";
import { startLocalServer } from "@durable-examples/local";

// How often and how long to look for a state the server reaches on its own (an invocation
// running in the background). Only a hang uses up the budget; no test asserts on the time.
const POLL_MS = 20;
const POLL_BUDGET_MS = 60_000;

/**
 * @returns {Promise<{ url: string, client: LambdaClient, close: () => Promise<void> }>}
 * @example const local = await startLocalService(); await local.close();
 */
export async function startLocalService() {
  const dataDir = mkdtempSync(join(tmpdir(), "durable-local-"));
  const server = await startLocalServer({ port: 0, dataDir });
  const client = new LambdaClient({
    endpoint: server.url,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  return {
    url: server.url,
    client,
    close: async () => {
      client.destroy();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Waits until the execution has started the callback `name`, and returns its callback id.
 * @param {LambdaClient} client
 * @param {string} arn
 * @param {string} name
 */
export async function callbackIdOf(client, arn, name) {
  return poll(`callback "${name}" of ${arn} to start`, async () => {
    const { Events = [] } = await client.send(
      new GetDurableExecutionHistoryCommand({ DurableExecutionArn: arn, MaxItems: 1000 }),
    );
    const started = Events.find(
      (event) => event.EventType === "CallbackStarted" && event.Name === name,
    );
    // The invocation that started it must also have ended, so the execution is idle.
    const ended = Events.some((event) => event.EventType === "InvocationCompleted");
    return ended ? started?.CallbackStartedDetails?.CallbackId : undefined;
  });
}

/**
 * Waits until the execution has ended and returns GetDurableExecution's answer.
 * @param {LambdaClient} client
 * @param {string} arn
 */
export async function endedExecution(client, arn) {
  return poll(`${arn} to end`, async () => {
    const execution = await client.send(
      new GetDurableExecutionCommand({ DurableExecutionArn: arn }),
    );
    return execution.Status === "RUNNING" ? undefined : execution;
  });
}

/**
 * @template T
 * @param {string} what
 * @param {() => Promise<T | undefined>} check
 * @returns {Promise<T>}
 */
async function poll(what, check) {
  const deadline = Date.now() + POLL_BUDGET_MS;
  for (;;) {
    const found = await check();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`Gave up waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
