/**
 * 5. Local service: the replay workflow (n steps) bundled with our runtime (as
 * scripts/build-example.mjs bundles a function), deployed as a zip to
 * `startLocalServer` and invoked over HTTP on loopback with `@aws-sdk/client-lambda`, as
 * `pnpm start` runs the examples. The function checkpoints over HTTP back to the same server.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crc32 } from "node:zlib";
import { CreateFunctionCommand, InvokeCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { startLocalServer } from "@durable-examples/local";
import { benchDir, buildLambdaBundle, outRoot } from "./build.js";
import { median, nowMs } from "./stats.js";

/** Throughput with a given number of executions already stored. */
export interface ServiceLevel {
  /** Executions stored before the first sample (each sample adds its own). */
  storedExecutions: number;
  /** How long a server took to start on the level's data directory. */
  startMs: number;
  checkpointsPerSecond: number;
  sequentialExecutionsPerSecond: number;
  concurrentExecutionsPerSecond: number;
}

export interface ServiceResult {
  stepsPerExecution: number;
  concurrency: number;
  executions: number;
  samples: number;
  levels: ServiceLevel[];
}

/** A zip with one stored (uncompressed) entry: all a deployment package needs here. */
function storedZip(name: string, data: Buffer): Buffer {
  const nameBytes = Buffer.from(name, "utf8");
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE((3 << 8) | 20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  central.writeUInt32LE((0o100644 << 16) >>> 0, 38);
  const centralOffset = local.length + nameBytes.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBytes.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, nameBytes, data, central, nameBytes, end]);
}

async function deploymentZip(): Promise<Buffer> {
  const outDir = join(outRoot, "service");
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, "index.mjs");
  await buildLambdaBundle(
    "ours",
    benchDir,
    join(benchDir, "src", "workflows", "replay.ts"),
    outfile,
    false,
  );
  return storedZip("index.mjs", readFileSync(outfile));
}

/** The function every level runs: `replay.ts`, n steps, its result checked. */
const FUNCTION_NAME = "bench-steps";
const FILL_BATCH = 500;

/** A server on `dataDir`, a client for it, and the bench's workload on it. */
async function openLevel(dataDir: string, zip: Buffer | undefined) {
  let checkpointRequests = 0;
  const startedAt = nowMs();
  const server = await startLocalServer({
    port: 0,
    dataDir,
    skipIdle: true,
    onRequest: (line) => {
      if (/checkpoint/i.test(line)) checkpointRequests += 1;
    },
  });
  const startMs = nowMs() - startedAt;
  const client = new LambdaClient({
    endpoint: server.url,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  if (zip !== undefined) {
    await client.send(
      new CreateFunctionCommand({
        FunctionName: FUNCTION_NAME,
        Runtime: "nodejs22.x",
        Handler: "index.handler",
        Role: "arn:aws:iam::123456789012:role/bench",
        Code: { ZipFile: zip },
        DurableConfig: { ExecutionTimeout: 900 },
      }),
    );
  }
  const invoke = async (n: number) => {
    const response = await client.send(
      new InvokeCommand({
        FunctionName: FUNCTION_NAME,
        Qualifier: "$LATEST",
        Payload: Buffer.from(JSON.stringify({ n })),
      }),
    );
    const text = Buffer.from(response.Payload ?? new Uint8Array()).toString("utf8");
    if (response.FunctionError !== undefined || JSON.parse(text)?.sum !== (n * (n - 1)) / 2)
      throw new Error(`service: invoke n=${n} returned ${response.FunctionError ?? ""} ${text}`);
  };
  return {
    startMs,
    invoke,
    /** Runs `count` 2-step executions from `clients` clients, each taking the next one. */
    concurrently: async (count: number, clients: number) => {
      let next = 0;
      await Promise.all(
        Array.from({ length: clients }, async () => {
          while (next < count) {
            next += 1;
            await invoke(2);
          }
        }),
      );
    },
    /** Checkpoint requests since the last call. */
    takeCheckpointRequests: () => {
      const count = checkpointRequests;
      checkpointRequests = 0;
      return count;
    },
    /**
     * Adds `count` stored executions, started and stopped in process in batches: each has a
     * journal of its own and stays until its retention ends, as a finished one does, and 10,000
     * take seconds instead of the minutes that running each would.
     */
    fill: (count: number) => {
      const { lambda } = server;
      for (let done = 0; done < count; done += FILL_BATCH) {
        lambda.change(() => {
          for (let i = done; i < Math.min(count, done + FILL_BATCH); i++) {
            const { durableExecutionArn } = lambda.service.startExecution({
              functionName: FUNCTION_NAME,
              input: '{"n":2}',
            });
            lambda.service.stopExecution({ DurableExecutionArn: durableExecutionArn });
          }
        });
        lambda.flush();
      }
    },
    close: async () => {
      client.destroy();
      await server.close();
    },
  };
}

/**
 * One data directory per count in `stored`, filled to that many stored executions (untimed).
 * Then, `samples` times over, the levels in turn: a server started on the level's directory
 * (its start timed), one `steps`-step execution (checkpoint requests/s), `executions` 2-step
 * executions one at a time and then from `concurrency` clients at once. Each figure is the
 * median of its samples; taking the levels in turn lets the machine's slow spells fall on all of
 * them alike rather than on whichever ran then.
 */
export async function benchService(options: {
  steps: number;
  executions: number;
  concurrency: number;
  stored: number[];
  samples: number;
}): Promise<ServiceResult> {
  const zip = await deploymentZip();
  const dirs = options.stored.map(() => mkdtempSync(join(tmpdir(), "durable-bench-")));
  try {
    for (const [index, stored] of options.stored.entries()) {
      const level = await openLevel(dirs[index]!, zip);
      level.fill(stored);
      await level.close();
    }
    const samples = options.stored.map(() => ({
      start: [] as number[],
      checkpoints: [] as number[],
      sequential: [] as number[],
      concurrent: [] as number[],
    }));
    for (let sample = 0; sample < options.samples; sample++) {
      for (const [index, dir] of dirs.entries()) {
        const level = await openLevel(dir, undefined);
        const rates = samples[index]!;
        try {
          rates.start.push(level.startMs);
          await level.invoke(2); // warm-up: loads the function module
          level.takeCheckpointRequests();
          let start = nowMs();
          await level.invoke(options.steps);
          rates.checkpoints.push((level.takeCheckpointRequests() * 1000) / (nowMs() - start));

          start = nowMs();
          for (let i = 0; i < options.executions; i++) await level.invoke(2);
          rates.sequential.push((options.executions * 1000) / (nowMs() - start));

          start = nowMs();
          await level.concurrently(options.executions, options.concurrency);
          rates.concurrent.push((options.executions * 1000) / (nowMs() - start));
        } finally {
          await level.close();
        }
      }
    }
    return {
      stepsPerExecution: options.steps,
      concurrency: options.concurrency,
      executions: options.executions,
      samples: options.samples,
      levels: options.stored.map((storedExecutions, index) => ({
        storedExecutions,
        startMs: median(samples[index]!.start),
        checkpointsPerSecond: median(samples[index]!.checkpoints),
        sequentialExecutionsPerSecond: median(samples[index]!.sequential),
        concurrentExecutionsPerSecond: median(samples[index]!.concurrent),
      })),
    };
  } finally {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}
