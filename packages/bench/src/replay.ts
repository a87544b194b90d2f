/**
 * 2. Replay cost: one invocation whose event already holds the EXECUTION operation and N
 * SUCCEEDED steps, so the handler replays all of them and returns. The client is a fake in this
 * process; the official SDK gets it through its own DurableExecutionInvocationInputWithClient.
 */
import { createHash } from "node:crypto";
import { DurableExecutionInvocationInputWithClient } from "@aws/durable-execution-sdk-js";
import type { Flavor, Workflows } from "./build.js";
import { median, nowMs } from "./stats.js";

export interface ReplayRow {
  n: number;
  oursUsPerOp: number;
  officialUsPerOp: number;
  oursCheckpoints: number;
  officialCheckpoints: number;
}

const ARN =
  "arn:aws:lambda:us-east-1:123456789012:function:bench:$LATEST/durable-execution/replay/0a1b2c3d";
const wireId = (stepId: string) => createHash("md5").update(stepId).digest("hex").slice(0, 16);

type ConstructorParams = ConstructorParameters<typeof DurableExecutionInvocationInputWithClient>;

/** The event Lambda would send: as JSON, so timestamps are strings. Fresh each call. */
function eventParams(n: number) {
  const at = "2026-01-01T00:00:00.000Z";
  const operations: Record<string, unknown>[] = [
    {
      Id: "5f8b0d3e-0000-4000-8000-000000000001",
      Type: "EXECUTION",
      Status: "STARTED",
      StartTimestamp: at,
      ExecutionDetails: { InputPayload: JSON.stringify({ n }) },
    },
  ];
  for (let i = 0; i < n; i++) {
    operations.push({
      Id: wireId(String(i + 1)),
      Name: `step-${i}`,
      Type: "STEP",
      SubType: "Step",
      Status: "SUCCEEDED",
      StartTimestamp: at,
      EndTimestamp: at,
      StepDetails: { Attempt: 1, Result: JSON.stringify(i) },
    });
  }
  return {
    DurableExecutionArn: ARN,
    CheckpointToken: "token-0",
    InitialExecutionState: { Operations: operations },
  };
}

function fakeClient(counter: { checkpoints: number }) {
  return {
    checkpoint: async (request: { CheckpointToken?: string }) => {
      counter.checkpoints += 1;
      return {
        CheckpointToken: `${request.CheckpointToken}+`,
        NewExecutionState: { Operations: [] },
      };
    },
    getExecutionState: async () => ({ Operations: [] }),
  };
}

const lambdaContext = () => ({
  awsRequestId: "00000000-0000-4000-8000-000000000000",
  functionName: "bench",
  getRemainingTimeInMillis: () => 900_000,
});

/** One replay: returns the handler's milliseconds and the checkpoint calls it made. */
async function replayOnce(workflows: Workflows, flavor: Flavor, n: number) {
  const counter = { checkpoints: 0 };
  const params = eventParams(n);
  const client = fakeClient(counter);
  const event =
    flavor === "official"
      ? new DurableExecutionInvocationInputWithClient(
          params as unknown as ConstructorParams[0],
          client as unknown as ConstructorParams[1],
        )
      : { ...params, durableExecutionClient: client };
  const start = nowMs();
  const output = (await workflows[flavor].replay(event, lambdaContext())) as {
    Status?: string;
    Result?: string;
  };
  const ms = nowMs() - start;
  const expected = (n * (n - 1)) / 2;
  if (output?.Status !== "SUCCEEDED" || JSON.parse(output.Result ?? "null")?.sum !== expected)
    throw new Error(`replay n=${n} (${flavor}): unexpected output ${JSON.stringify(output)}`);
  return { ms, checkpoints: counter.checkpoints };
}

export async function benchReplay(
  workflows: Workflows,
  options: { sizes: number[]; runs: number; warmupOps: number },
): Promise<ReplayRow[]> {
  const flavors = ["ours", "official"] as const;
  // Warm-up: enough replayed operations for the JIT to settle, and at least three runs so that
  // a large N is not timed while the heap still grows to its size.
  for (const n of options.sizes) {
    const warmups = Math.max(options.runs > 1 ? 3 : 0, Math.ceil(options.warmupOps / n));
    for (const flavor of flavors) {
      for (let i = 0; i < warmups; i++) await replayOnce(workflows, flavor, n);
    }
  }
  // Timed runs interleave sizes and runtimes, so that a slow spell of the machine lands on all
  // of them alike instead of on whichever was being measured then.
  const times = new Map<string, number[]>();
  const checkpoints = new Map<string, number>();
  for (let i = 0; i < options.runs; i++) {
    for (const n of options.sizes) {
      for (const flavor of flavors) {
        const once = await replayOnce(workflows, flavor, n);
        const key = `${flavor}:${n}`;
        times.set(key, [...(times.get(key) ?? []), once.ms]);
        checkpoints.set(key, once.checkpoints);
      }
    }
  }
  const usPerOp = (flavor: string, n: number) =>
    (median(times.get(`${flavor}:${n}`) ?? []) * 1000) / n;
  return options.sizes.map((n) => ({
    n,
    oursUsPerOp: usPerOp("ours", n),
    officialUsPerOp: usPerOp("official", n),
    oursCheckpoints: checkpoints.get(`ours:${n}`) ?? 0,
    officialCheckpoints: checkpoints.get(`official:${n}`) ?? 0,
  }));
}
