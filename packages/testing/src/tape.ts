import { HarnessError } from "./errors.js";
import type { Handler, RunObserver } from "./harness-run.js";
import type { InvocationSettled } from "./invocation-scope.js";
import { currentInvocation } from "./invocation-scope.js";

interface CheckpointClient {
  checkpoint(request: {
    CheckpointToken?: string | undefined;
  }): Promise<{ CheckpointToken?: string }>;
}

/** One invocation of the first run, as its handler talked to the service. */
interface RecordedInvocation {
  eventToken: string;
  calls: { request: Record<string, unknown>; responseToken: string | undefined; failed: boolean }[];
  settled?: InvocationSettled;
}

/**
 * What the handlers of a replay check's first run did, so that a second pass can drive the same
 * run without them: a player stands in for each handler and makes the recorded checkpoint calls,
 * with the second pass's tokens, then ends as the recorded invocation did. The second pass is then
 * the first run again, call for call, and can be forked at any checkpoint while no user code is
 * running in it.
 *
 * Invariant: recordings of one function are in the order its invocations began; at most one
 * invocation is recorded at a time, as the harness runs one at a time.
 */
export class Tape {
  readonly #invocations = new Map<string, RecordedInvocation[]>();
  readonly #functionCalls = new Map<string, InvocationSettled[]>();
  #current: RecordedInvocation | undefined;

  /** Records the first run. */
  readonly recorder: RunObserver = {
    invocationStarting: (_run, invocation, event) => {
      this.#current = {
        eventToken: (event as { CheckpointToken: string }).CheckpointToken,
        calls: [],
      };
      listOf(this.#invocations, invocation.functionName).push(this.#current);
      return undefined;
    },
    checkpointDone: (_run, _number, request, outcome) => {
      this.#current?.calls.push({
        request: {
          ...request,
          Updates: request.Updates === undefined ? undefined : [...request.Updates],
        },
        responseToken: "response" in outcome ? outcome.response.CheckpointToken : undefined,
        failed: "error" in outcome,
      });
      return undefined;
    },
    invocationEnded: (_run, _invocation, settled) => {
      if (this.#current !== undefined) this.#current.settled = settled;
      this.#current = undefined;
    },
    functionCalled: (call, settled) => {
      listOf(this.#functionCalls, call.functionName).push(settled);
    },
  };

  /** A handler for `functionName` that plays its recorded invocations, one per call, in order. */
  player(functionName: string): Handler {
    let next = 0;
    let nextCall = 0;
    return async (event: unknown) => {
      const payload = event as {
        DurableExecutionArn?: string;
        CheckpointToken?: string;
        durableExecutionClient?: CheckpointClient;
      } | null;
      if (payload?.durableExecutionClient === undefined) {
        // A plain function called by a chained invoke.
        return endAs(this.#functionCalls.get(functionName)?.[nextCall++], functionName);
      }
      const recorded = this.#invocations.get(functionName)?.[next++];
      if (recorded === undefined) throw divergedFromFirstRun(functionName);
      const client = payload.durableExecutionClient;
      const tokens = new Map([[recorded.eventToken, payload.CheckpointToken]]);
      for (const call of recorded.calls) {
        const token = call.request.CheckpointToken as string;
        const request = {
          ...call.request,
          DurableExecutionArn: payload.DurableExecutionArn,
          CheckpointToken: tokens.get(token) ?? token,
        };
        try {
          const response = await client.checkpoint(request);
          if (call.failed) throw divergedFromFirstRun(functionName);
          if (call.responseToken !== undefined)
            tokens.set(call.responseToken, response.CheckpointToken);
        } catch (error) {
          if (!call.failed) throw error;
        }
      }
      return endAs(recorded.settled, functionName);
    };
  }
}

function endAs(settled: InvocationSettled | undefined, functionName: string): unknown {
  if (settled === undefined) throw divergedFromFirstRun(functionName);
  if (settled.kind === "returned") return settled.output;
  if (settled.kind === "threw") throw settled.error;
  currentInvocation()?.crash(settled.reason);
  return new Promise<never>(() => {});
}

function divergedFromFirstRun(functionName: string): HarnessError {
  return new HarnessError(
    `checkReplay could not repeat its first run of "${functionName}" call for call. This is a bug in the harness; please report it with the handler.`,
  );
}

function listOf<T>(map: Map<string, T[]>, key: string): T[] {
  let list = map.get(key);
  if (list === undefined) {
    list = [];
    map.set(key, list);
  }
  return list;
}
