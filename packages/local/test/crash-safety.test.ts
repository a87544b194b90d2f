import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import {
  CreateFunctionCommand,
  type Event,
  GetDurableExecutionCommand,
  GetDurableExecutionHistoryCommand,
  InvokeCommand,
  LambdaClient,
} from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import { type ServerProcess, startServerProcess } from "./helpers/server-process.js";
import { eventually, exampleZip, tempDataDir } from "./http/helpers.js";

const EXECUTIONS = 16;

function clientAt(url: string): LambdaClient {
  return new LambdaClient({
    endpoint: url,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
}

async function historyOf(client: LambdaClient, arn: string): Promise<Event[]> {
  const { Events = [] } = await client.send(
    new GetDurableExecutionHistoryCommand({ DurableExecutionArn: arn, MaxItems: 1000 }),
  );
  return Events;
}

/** What identifies an event, leaving out nothing a restart could change. */
const eventKey = (event: Event) => `${event.EventId} ${event.EventType} ${event.Id ?? ""}`;

/** Every file and folder under `dir`, with its permission bits. */
function modesUnder(dir: string): { path: string; mode: number; isDir: boolean }[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).map((path) => {
    const stat = statSync(join(dir, path));
    return { path, mode: stat.mode & 0o777, isDir: stat.isDirectory() };
  });
}

describe("the local service killed with kill -9", () => {
  it("loses nothing it acknowledged, takes over its stale lock and keeps its files private", async () => {
    const dataDir = tempDataDir();
    const zip = await exampleZip("10-map");
    const first: ServerProcess = await startServerProcess(["--data-dir", dataDir, "--skip-idle"]);
    const before = clientAt(first.url);
    // What the server told us: started executions, and the history each had when last read.
    const acknowledged = new Map<string, string[]>();
    try {
      await before.send(
        new CreateFunctionCommand({
          FunctionName: "campaign",
          Role: "arn:aws:iam::123456789012:role/test",
          Code: { ZipFile: zip },
          DurableConfig: { ExecutionTimeout: 3600 },
        }),
      );
      const start = async (index: number) => {
        const { DurableExecutionArn } = await before.send(
          new InvokeCommand({
            FunctionName: "campaign",
            Qualifier: "$LATEST",
            InvocationType: "Event",
            Payload: Buffer.from(JSON.stringify({ campaignId: `c-${index}`, customerCount: 40 })),
          }),
        );
        acknowledged.set(DurableExecutionArn!, []);
      };
      for (let index = 0; index < EXECUTIONS / 2; index++) await start(index);
      // Kill it in the middle of the work: more executions starting, others checkpointing.
      await eventually("executions to make progress", async () => {
        let events = 0;
        for (const arn of acknowledged.keys()) {
          const seen = (await historyOf(before, arn)).map(eventKey);
          acknowledged.set(arn, seen);
          events += seen.length;
        }
        return events > 60 ? true : undefined;
      });
      const late = [EXECUTIONS / 2, EXECUTIONS / 2 + 1].map((index) =>
        start(index).catch(() => {}),
      );
      first.child.kill("SIGKILL");
      await Promise.all(late);
      await new Promise((exited) => first.child.once("exit", exited));
    } finally {
      before.destroy();
      if (first.child.exitCode === null && first.child.signalCode === null)
        first.child.kill("SIGKILL");
    }
    expect(first.child.signalCode).toBe("SIGKILL");
    const running = [...acknowledged.values()].filter(
      (seen) => !seen.some((key) => key.includes("ExecutionSucceeded")),
    );
    expect(running.length).toBeGreaterThan(0);

    const second = await startServerProcess(["--data-dir", dataDir, "--skip-idle"]);
    const after = clientAt(second.url);
    try {
      for (const [arn, seen] of acknowledged) {
        const now = (await historyOf(after, arn)).map(eventKey);
        expect(now.slice(0, seen.length), arn).toEqual(seen);
      }
      for (const arn of acknowledged.keys()) {
        await eventually(`${arn} to finish after the restart`, async () => {
          const { Status } = await after.send(
            new GetDurableExecutionCommand({ DurableExecutionArn: arn }),
          );
          return Status === "RUNNING" ? undefined : Status;
        }).then((status) => expect(status, arn).toBe("SUCCEEDED"));
      }
    } finally {
      after.destroy();
      second.child.kill("SIGTERM");
      await new Promise((exited) => second.child.once("exit", exited));
    }

    const entries = modesUnder(dataDir);
    expect(entries.some((entry) => entry.path.endsWith(".jsonl"))).toBe(true);
    expect(entries.filter((entry) => entry.isDir && entry.mode !== 0o700)).toEqual([]);
    expect(entries.filter((entry) => !entry.isDir && entry.mode !== 0o600)).toEqual([]);
  }, 120_000);
});
