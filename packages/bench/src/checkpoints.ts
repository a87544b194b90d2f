/**
 * 4. Checkpoint calls: the sequential, parallel and map workflows, built for each runtime, both
 * run by OUR harness (runDurable). A wrapper around the handler replaces the event's injected
 * client with a counting one (for the official SDK, inside its own
 * DurableExecutionInvocationInputWithClient), which counts requests and the bytes of each
 * request as JSON, the body client-lambda would send.
 */
import { DurableExecutionInvocationInputWithClient } from "@aws/durable-execution-sdk-js";
import { runDurable } from "@durable-examples/testing";
import type { Flavor, Handler, Workflows } from "./build.js";

export interface CheckpointRow {
  workflow: string;
  flavor: Flavor;
  requests: number;
  bytes: number;
  invocations: number;
  harnessCount: number;
}

type ConstructorParams = ConstructorParameters<typeof DurableExecutionInvocationInputWithClient>;
interface Client {
  checkpoint(request: unknown): Promise<unknown>;
  getExecutionState(request: unknown): Promise<unknown>;
}

function counting(handler: Handler, flavor: Flavor, counter: { requests: number; bytes: number }) {
  return async (event: { durableExecutionClient: Client }, context: unknown) => {
    const { durableExecutionClient: inner, ...params } = event;
    const client: Client = {
      checkpoint: (request) => {
        counter.requests += 1;
        counter.bytes += Buffer.byteLength(JSON.stringify(request));
        return inner.checkpoint(request);
      },
      getExecutionState: (request) => inner.getExecutionState(request),
    };
    const wrapped =
      flavor === "official"
        ? new DurableExecutionInvocationInputWithClient(
            params as unknown as ConstructorParams[0],
            client as unknown as ConstructorParams[1],
          )
        : { ...params, durableExecutionClient: client };
    return handler(wrapped, context);
  };
}

export async function benchCheckpoints(workflows: Workflows): Promise<CheckpointRow[]> {
  const rows: CheckpointRow[] = [];
  for (const workflow of ["sequential", "parallel", "map"] as const) {
    const results: Record<string, unknown> = {};
    for (const flavor of ["ours", "official"] as const) {
      const counter = { requests: 0, bytes: 0 };
      const run = await runDurable(counting(workflows[flavor][workflow], flavor, counter), {
        input: {},
      });
      if (run.status !== "SUCCEEDED")
        throw new Error(
          `${workflow} (${flavor}) ended ${run.status}: ${JSON.stringify(run.error)}`,
        );
      results[flavor] = run.result;
      rows.push({
        workflow,
        flavor,
        requests: counter.requests,
        bytes: counter.bytes,
        invocations: run.invocations.length,
        harnessCount: run.checkpointCount,
      });
    }
    if (JSON.stringify(results.ours) !== JSON.stringify(results.official))
      throw new Error(
        `${workflow}: results differ: ours ${JSON.stringify(results.ours)}, official ${JSON.stringify(results.official)}`,
      );
  }
  return rows;
}
