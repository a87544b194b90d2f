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
import { nowMs } from "./stats.js";

export interface ServiceResult {
  checkpointsPerSecond: number;
  checkpointRequests: number;
  stepsPerExecution: number;
  sequentialExecutionsPerSecond: number;
  concurrentExecutionsPerSecond: number;
  concurrency: number;
  executions: number;
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

export async function benchService(options: {
  steps: number;
  executions: number;
  concurrency: number;
}): Promise<ServiceResult> {
  const zip = await deploymentZip();
  const dataDir = mkdtempSync(join(tmpdir(), "durable-bench-"));
  let checkpointRequests = 0;
  const server = await startLocalServer({
    port: 0,
    dataDir,
    skipIdle: true,
    onRequest: (line) => {
      if (/checkpoint/i.test(line)) checkpointRequests += 1;
    },
  });
  const client = new LambdaClient({
    endpoint: server.url,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  try {
    await client.send(
      new CreateFunctionCommand({
        FunctionName: "bench-steps",
        Runtime: "nodejs22.x",
        Handler: "index.handler",
        Role: "arn:aws:iam::123456789012:role/bench",
        Code: { ZipFile: zip },
        DurableConfig: { ExecutionTimeout: 900 },
      }),
    );
    let sequence = 0;
    const invoke = async (n: number) => {
      const response = await client.send(
        new InvokeCommand({
          FunctionName: "bench-steps",
          Qualifier: "$LATEST",
          Payload: Buffer.from(JSON.stringify({ n })),
          DurableExecutionName: `bench-${++sequence}`,
        }),
      );
      const text = Buffer.from(response.Payload ?? new Uint8Array()).toString("utf8");
      if (response.FunctionError !== undefined || JSON.parse(text)?.sum !== (n * (n - 1)) / 2)
        throw new Error(`service: invoke n=${n} returned ${response.FunctionError ?? ""} ${text}`);
    };
    await invoke(2); // warm-up: loads the function module

    checkpointRequests = 0;
    let start = nowMs();
    await invoke(options.steps);
    const checkpointMs = nowMs() - start;
    const checkpoints = checkpointRequests;

    start = nowMs();
    for (let i = 0; i < options.executions; i++) await invoke(2);
    const sequentialMs = nowMs() - start;

    start = nowMs();
    let next = 0;
    await Promise.all(
      Array.from({ length: options.concurrency }, async () => {
        while (next < options.executions) {
          next += 1;
          await invoke(2);
        }
      }),
    );
    const concurrentMs = nowMs() - start;
    return {
      checkpointsPerSecond: (checkpoints * 1000) / checkpointMs,
      checkpointRequests: checkpoints,
      stepsPerExecution: options.steps,
      sequentialExecutionsPerSecond: (options.executions * 1000) / sequentialMs,
      concurrentExecutionsPerSecond: (options.executions * 1000) / concurrentMs,
      concurrency: options.concurrency,
      executions: options.executions,
    };
  } finally {
    client.destroy();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
