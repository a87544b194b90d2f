import type { Operation, OperationUpdate } from "@aws-sdk/client-lambda";
import type { DurableExecutionClientError } from "../errors.js";
import type { OperationLog } from "../replay/operation-log.js";
import type { DurableExecutionClient } from "../types/client.js";
import { classifyClientError } from "./classify.js";

/** The official SDK's limits per checkpoint request (protocol.md §2, "Batching"). */
export const MAX_UPDATES_PER_CHECKPOINT = 250;
export const MAX_CHECKPOINT_BYTES = 750 * 1024;

interface Pending {
  update: OperationUpdate;
  bytes: number;
  done: () => void;
}

export interface CheckpointerHooks {
  /** A call failed; the invocation or the execution must end. */
  onFailure(error: DurableExecutionClientError): void;
  /** The service returned no token while updates still wait: nothing more can be sent. */
  onTokenLost(): void;
  /** The queue drained and nothing is in flight. */
  onIdle(): void;
}

/**
 * Sends operation updates to the service in order, batched.
 *
 * Invariants: at most one request is in flight; each request carries the token the previous one
 * returned (the first uses the event's); updates leave in the order they were queued; an update's
 * promise resolves only after the service accepted it and its response was merged into the log.
 * After a failure nothing more is sent and no promise resolves: the invocation is over.
 */
export class Checkpointer {
  readonly #queue: Pending[] = [];
  #inFlight = false;
  #scheduled = false;
  #stopped = false;
  #stalled = false;
  #executionEnded = false;
  #drainWaiters: (() => void)[] = [];
  readonly #client: DurableExecutionClient;
  readonly #executionArn: string;
  #token: string | undefined;
  readonly #log: OperationLog;
  readonly #hooks: CheckpointerHooks;

  constructor(
    client: DurableExecutionClient,
    executionArn: string,
    token: string | undefined,
    log: OperationLog,
    hooks: CheckpointerHooks,
  ) {
    this.#client = client;
    this.#executionArn = executionArn;
    this.#token = token;
    this.#log = log;
    this.#hooks = hooks;
  }

  get idle(): boolean {
    return !this.#inFlight && this.#queue.length === 0;
  }

  /**
   * Updates are left that can never be sent: a response came without a token before the
   * execution's terminal EXECUTION update was accepted (protocol.md §2, token threading rule 3).
   */
  get stalled(): boolean {
    return this.#stalled;
  }

  /** Queues an update; resolves once the service has accepted it. */
  enqueue(update: OperationUpdate): Promise<void> {
    return new Promise((resolve) => {
      this.#queue.push({ update, bytes: JSON.stringify(update).length, done: resolve });
      this.#schedule();
    });
  }

  /** Resolves when every queued update has been accepted. */
  drain(): Promise<void> {
    return new Promise((resolve) => (this.idle ? resolve() : this.#drainWaiters.push(resolve)));
  }

  /** Stops sending: the invocation is ending without waiting for the queue. */
  stop(): void {
    this.#stopped = true;
  }

  #schedule(): void {
    if (this.#scheduled || this.#inFlight || this.#stopped) return;
    this.#scheduled = true;
    // Waiting one macrotask lets every operation started in the same turn share a request.
    setImmediate(() => {
      this.#scheduled = false;
      void this.#sendNext();
    });
  }

  async #sendNext(): Promise<void> {
    if (this.#inFlight || this.#stopped || this.#queue.length === 0) return;
    if (this.#token === undefined) {
      this.#stopped = true;
      if (this.#executionEnded) {
        // protocol.md §2, rule 3: no token is expected once the execution has ended, and what
        // is still queued can no longer change its outcome.
        this.#queue.length = 0;
        for (const waiter of this.#drainWaiters.splice(0)) waiter();
        return;
      }
      this.#stalled = true;
      this.#hooks.onTokenLost();
      return;
    }
    const batch = this.#takeBatch();
    this.#inFlight = true;
    let response: Awaited<ReturnType<DurableExecutionClient["checkpoint"]>>;
    try {
      response = await this.#client.checkpoint({
        DurableExecutionArn: this.#executionArn,
        CheckpointToken: this.#token,
        Updates: batch.map((pending) => pending.update),
      });
    } catch (error) {
      this.#stopped = true;
      this.#inFlight = false;
      this.#hooks.onFailure(classifyClientError(error, "CheckpointDurableExecution"));
      return;
    }
    if (this.#stopped) return;
    this.#token = response.CheckpointToken;
    if (batch.some((pending) => pending.update.Type === "EXECUTION")) this.#executionEnded = true;
    // The log reads no timestamp, so JSON strings there serve as well as the SDK's Dates.
    this.#log.merge(response.NewExecutionState?.Operations as Operation[] | undefined);
    this.#inFlight = false;
    for (const pending of batch) pending.done();
    if (this.#queue.length > 0) {
      this.#schedule();
    } else {
      for (const waiter of this.#drainWaiters.splice(0)) waiter();
      this.#hooks.onIdle();
    }
  }

  /**
   * The longest prefix of the queue that fits one request: at most 250 updates and 750 KB, each
   * id once (except a STEP or CONTEXT START followed by its outcome), and an EXECUTION update only
   * as the last one.
   */
  #takeBatch(): Pending[] {
    const actions = new Map<string, OperationUpdate>();
    let bytes = 0;
    let count = 0;
    for (const pending of this.#queue) {
      const { update } = pending;
      if (count === MAX_UPDATES_PER_CHECKPOINT) break;
      if (count > 0 && bytes + pending.bytes > MAX_CHECKPOINT_BYTES) break;
      const earlier = actions.get(update.Id!);
      if (earlier !== undefined && !completesStart(earlier, update)) break;
      actions.set(update.Id!, update);
      bytes += pending.bytes;
      count += 1;
      if (update.Type === "EXECUTION") break;
    }
    return this.#queue.splice(0, count);
  }
}

function completesStart(earlier: OperationUpdate, next: OperationUpdate): boolean {
  return (
    earlier.Action === "START" &&
    (next.Type === "STEP" || next.Type === "CONTEXT") &&
    (next.Action === "SUCCEED" || next.Action === "FAIL" || next.Action === "RETRY")
  );
}
