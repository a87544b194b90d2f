import { createHash } from "node:crypto";
import type {
  CheckpointDurableExecutionResponse,
  ErrorObject,
  Event,
  ExecutionStatus,
  Operation,
} from "@aws-sdk/client-lambda";
import { copyData, copyOperation } from "../copy.js";
import {
  type EndedStatus,
  type EventDraft,
  executionEnded,
  executionStarted,
} from "../history/events.js";

/**
 * A timer the service owns for one operation: a wait's end, a retry delay's end, or a callback's
 * nearest deadline (timeout or heartbeat). An operation has at most one timer.
 */
export interface OperationTimer {
  kind: "wait" | "retry" | "callback";
  operationId: string;
  at: Date;
}

/** The deadlines of a STARTED callback (protocol.md §3 `CallbackOptions`; 0 means none). */
export interface CallbackDeadlines {
  callbackId: string;
  timeoutSeconds: number;
  heartbeatTimeoutSeconds: number;
  timeoutAt?: Date;
  heartbeatDeadline?: Date;
}

/** What a CHAINED_INVOKE started: a durable child execution, or a plain function invocation. */
export interface InvokeTarget {
  /** The registered name of the target function. */
  functionName: string;
  /** The version it runs, when the service's `resolveInvokeVersion` chose one. */
  executedVersion?: string;
  childExecutionArn?: string;
  invocationId?: string;
}

/** The CHAINED_INVOKE that started an execution. */
export interface InvokedBy {
  executionArn: string;
  operationId: string;
}

/** The invocation in flight, if any. */
export interface InvocationInFlight {
  requestId: string;
  startTimestamp: Date;
}

/** A checkpoint response kept for its `ClientToken`, to answer a retried request the same way. */
export interface RememberedCheckpoint {
  checkpointToken: string;
  response: CheckpointDurableExecutionResponse;
  at: number;
}

/** What the execution was started with. */
export interface ExecutionSeed {
  /** Creation order among all executions of the service. */
  sequence: number;
  arn: string;
  name: string;
  functionName: string;
  functionArn: string;
  input: string | undefined;
  executionOperationId: string;
  startTimestamp: Date;
  executionTimeoutSeconds: number;
  retentionPeriodInDays: number;
  /** Set for the child execution of a chained invoke. */
  invokedBy?: InvokedBy;
  /** The published version it runs (an alias resolved at start); undefined for `$LATEST`. */
  version?: string;
  /** Called once, when the execution ends (the service completes the caller's chained invoke). */
  onEnd?: (execution: Execution, now: Date) => void;
}

/** The mutable state of an execution, as `restore` takes it back from a snapshot. */
export interface RestoredState {
  operations: Operation[];
  history: Event[];
  timers: OperationTimer[];
  callbacks: [string, CallbackDeadlines][];
  invokes: [string, InvokeTarget][];
  status: ExecutionStatus;
  endTimestamp: Date | undefined;
  result: string | undefined;
  error: ErrorObject | undefined;
  invocation: InvocationInFlight | undefined;
  checkpointToken: string | undefined;
  consecutiveFailures: number;
  deferredEndEvent: EventDraft | undefined;
}

/** How far a journal has recorded an execution: see `takeJournalEntry` in `snapshot.ts`. */
export interface JournalCursor {
  /** History events recorded. */
  events: number;
  /** The state fields as last recorded, as JSON. */
  state: string;
  /** The execution had ended, with no invocation in flight: nothing more will change. */
  final: boolean;
}

/** Orders requests for invocations; monotonic across services, only the order matters. */
let readinessCounter = 0;

/**
 * The state of one durable execution: its operations, history, timers, invocation and token.
 *
 * Invariants:
 * - `operations` holds every operation in start order (first START), and `byId` indexes the same
 *   objects; operations are never removed. `operations[0]` is the EXECUTION operation.
 * - Operation objects here are internal: every read by a caller goes through `copyOperation`.
 * - A fork shares operation objects with the execution it came from, so neither changes one in
 *   place unless it is in `#owned` (made or copied here since the last fork): `operation(id)`
 *   copies one first, and is the only way to an operation that will be changed.
 * - `history` EventIds are 1, 2, 3, … in array order; EventId 1 is `ExecutionStarted`.
 * - `checkpointToken` is defined only while `status` is RUNNING and an invocation is in flight;
 *   it is the one token the execution accepts (each checkpoint replaces it).
 * - At most one invocation is in flight (`invocation`).
 * - Once `status` leaves RUNNING it never changes again; timers are cleared and no token exists.
 *   If the execution ended through a checkpoint, its terminal event waits in `deferredEndEvent`
 *   until the invocation ends, so that `InvocationCompleted` comes first (protocol.md §8).
 * - `serviceChanges` holds the ids of operations the service changed (timers, callbacks, chained
 *   invokes) since the in-flight invocation's last checkpoint, or since it began; the next
 *   checkpoint response returns them.
 * - `pruned` holds every operation with an ancestor CONTEXT that is SUCCEEDED or FAILED without
 *   `ReplayChildren` (protocol.md §3 "Pruning"): the function no longer sees it. A parent always
 *   starts before its children, so an operation's ancestors are known when it is added.
 * - `callbacks` holds the deadlines of CALLBACK operations, `invokes` the targets of CHAINED_INVOKE
 *   operations, by operation id; entries outlive the operation's STARTED status.
 * - Every change to an operation passes `addOperation`, `noteChanged`, `noteServiceChange` or
 *   `end`, which mark it in `changedSinceDigest`; `operationDigests` holds the hash of each other
 *   operation as it is, and `digestSum` their XOR, so a digest costs what changed since the last.
 * - History events are never changed once appended, so a fork shares them.
 */
export class Execution {
  readonly sequence: number;
  readonly arn: string;
  readonly name: string;
  readonly functionName: string;
  readonly functionArn: string;
  readonly input: string | undefined;
  readonly startTimestamp: Date;
  readonly executionTimeoutSeconds: number;
  readonly retentionPeriodInDays: number;
  readonly invokedBy: InvokedBy | undefined;
  /** The published version it runs; undefined for `$LATEST`. */
  readonly version: string | undefined;
  /** When the execution times out. */
  readonly timeoutAt: Date;

  status: ExecutionStatus = "RUNNING";
  endTimestamp: Date | undefined;
  result: string | undefined;
  error: ErrorObject | undefined;

  invocation: InvocationInFlight | undefined;
  checkpointToken: string | undefined;
  /** Failed invocations in a row; a returned output resets it. */
  consecutiveFailures = 0;
  /** Something happened that the function must see: it needs a new invocation. */
  needsInvocation = false;
  /** Orders runnable executions: the lower, the longer it has needed an invocation. */
  readySince = 0;

  readonly history: Event[] = [];
  readonly timers = new Map<string, OperationTimer>();
  deferredEndEvent: EventDraft | undefined;
  /** Responses by `ClientToken`, kept 15 minutes (protocol.md §2). */
  readonly checkpointsByClientToken = new Map<string, RememberedCheckpoint>();
  readonly callbacks = new Map<string, CallbackDeadlines>();
  readonly invokes = new Map<string, InvokeTarget>();

  private readonly operations: Operation[] = [];
  private readonly byId = new Map<string, Operation>();
  private readonly startIndex = new Map<string, number>();
  private readonly serviceChanges = new Set<string>();
  private readonly childIds = new Map<string, string[]>();
  private readonly pruned = new Set<string>();
  private readonly onEnd: ((execution: Execution, now: Date) => void) | undefined;
  private readonly changedSinceDigest = new Set<string>();
  private readonly changedSinceJournal = new Set<string>();
  /** What a journal outside has recorded so far (see `snapshot.ts`); undefined until it has. */
  journal: JournalCursor | undefined;
  private readonly operationDigests = new Map<string, Uint32Array>();
  private readonly digestSum = new Uint32Array(4);
  readonly #executionOperationId: string;
  #owned = new WeakSet<Operation>();

  constructor(seed: ExecutionSeed) {
    this.sequence = seed.sequence;
    this.arn = seed.arn;
    this.name = seed.name;
    this.functionName = seed.functionName;
    this.functionArn = seed.functionArn;
    this.input = seed.input;
    this.startTimestamp = new Date(seed.startTimestamp.getTime());
    this.executionTimeoutSeconds = seed.executionTimeoutSeconds;
    this.retentionPeriodInDays = seed.retentionPeriodInDays;
    this.invokedBy = seed.invokedBy;
    this.version = seed.version;
    this.onEnd = seed.onEnd;
    this.timeoutAt = new Date(seed.startTimestamp.getTime() + seed.executionTimeoutSeconds * 1000);
    this.#executionOperationId = seed.executionOperationId;
    const executionOperation: Operation = {
      Id: seed.executionOperationId,
      Type: "EXECUTION",
      StartTimestamp: new Date(seed.startTimestamp.getTime()),
      Status: "STARTED",
      ExecutionDetails: seed.input === undefined ? {} : { InputPayload: seed.input },
    };
    this.addOperation(executionOperation);
    this.appendEvent(
      executionStarted(
        executionOperation,
        seed.input,
        seed.executionTimeoutSeconds,
        seed.startTimestamp,
      ),
    );
    this.requestInvocation();
  }

  /** Ended, with no invocation in flight: nothing about it changes any more. */
  get settled(): boolean {
    return this.status !== "RUNNING" && this.invocation === undefined;
  }

  /** The EXECUTION operation, to change in place. */
  get executionOperation(): Operation {
    return this.operation(this.#executionOperationId)!;
  }

  /**
   * Replaces the state built by the constructor with a snapshot's (see `snapshot.ts`): the
   * operations (pruning recomputed as they are added), history, timers, callbacks, invokes,
   * status and invocation. Readiness is left off: the caller requests invocations again in the
   * snapshot's order.
   */
  restore(state: RestoredState): void {
    const [executionOperation, ...rest] = state.operations;
    this.#owned = new WeakSet();
    this.operations.length = 0;
    this.byId.clear();
    this.startIndex.clear();
    this.childIds.clear();
    this.pruned.clear();
    this.operationDigests.clear();
    this.digestSum.fill(0);
    this.changedSinceDigest.clear();
    this.changedSinceJournal.clear();
    this.addOperation({
      Id: this.#executionOperationId,
      Type: "EXECUTION",
      ...executionOperation,
    } as Operation);
    for (const operation of rest) this.addOperation(operation);
    this.history.length = 0;
    for (const event of state.history) this.history.push(event);
    for (const timer of state.timers) this.timers.set(timer.operationId, timer);
    for (const [id, deadlines] of state.callbacks) this.callbacks.set(id, deadlines);
    for (const [id, target] of state.invokes) this.invokes.set(id, target);
    this.status = state.status;
    this.endTimestamp = state.endTimestamp;
    this.result = state.result;
    this.error = state.error;
    this.invocation = state.invocation;
    this.checkpointToken = state.invocation === undefined ? undefined : state.checkpointToken;
    this.consecutiveFailures = state.consecutiveFailures;
    this.deferredEndEvent = state.deferredEndEvent;
    this.needsInvocation = false;
  }

  /**
   * An independent copy of this execution, as it is now, for a fork of the service: operations
   * (shared until either side changes one: see `#owned`), history (events never change), timers,
   * callbacks, invokes, the invocation in flight and the digest kept so far.
   */
  fork(onEnd: ((execution: Execution, now: Date) => void) | undefined): Execution {
    const copy = new Execution({
      sequence: this.sequence,
      arn: this.arn,
      name: this.name,
      functionName: this.functionName,
      functionArn: this.functionArn,
      input: this.input,
      executionOperationId: this.#executionOperationId,
      startTimestamp: this.startTimestamp,
      executionTimeoutSeconds: this.executionTimeoutSeconds,
      retentionPeriodInDays: this.retentionPeriodInDays,
      ...(this.invokedBy === undefined ? {} : { invokedBy: this.invokedBy }),
      ...(this.version === undefined ? {} : { version: this.version }),
      ...(onEnd === undefined ? {} : { onEnd }),
    });
    // Neither side owns the operations any more: each copies one before it changes it.
    this.#owned = new WeakSet();
    copy.#owned = new WeakSet();
    this.#hashChanged();
    copy.operations.length = 0;
    for (const operation of this.operations) copy.operations.push(operation);
    copy.history.length = 0;
    for (const event of this.history) copy.history.push(event);
    copyMap(this.byId, copy.byId);
    copyMap(this.startIndex, copy.startIndex);
    copyMap(this.operationDigests, copy.operationDigests);
    copy.childIds.clear();
    for (const [id, children] of this.childIds) copy.childIds.set(id, [...children]);
    for (const id of this.pruned) copy.pruned.add(id);
    copy.changedSinceDigest.clear();
    copy.digestSum.set(this.digestSum);
    for (const [id, timer] of this.timers)
      copy.timers.set(id, { ...timer, at: new Date(timer.at) });
    for (const [id, deadlines] of this.callbacks) copy.callbacks.set(id, copyData(deadlines));
    for (const [id, target] of this.invokes) copy.invokes.set(id, { ...target });
    for (const [token, remembered] of this.checkpointsByClientToken) {
      copy.checkpointsByClientToken.set(token, copyData(remembered));
    }
    for (const id of this.serviceChanges) copy.serviceChanges.add(id);
    copy.status = this.status;
    copy.endTimestamp = this.endTimestamp;
    copy.result = this.result;
    copy.error = copyData(this.error);
    copy.invocation = this.invocation === undefined ? undefined : { ...this.invocation };
    copy.checkpointToken = this.checkpointToken;
    copy.consecutiveFailures = this.consecutiveFailures;
    copy.deferredEndEvent = this.deferredEndEvent;
    copy.needsInvocation = this.needsInvocation;
    copy.readySince = this.readySince;
    return copy;
  }

  /**
   * A digest of everything that decides what this execution does next: its status and outcome,
   * every operation with all its fields, callback deadlines, invoke targets, whether it needs or
   * runs an invocation, and, with `countFailures`, the failed invocations in a row. Two executions
   * with the same digest replay alike. Ids the service makes at random (tokens, request ids) and
   * the history are left out.
   */
  digest(countFailures: boolean): string {
    this.#hashChanged();
    const rest = canonicalJson({
      status: this.status,
      result: this.result,
      error: this.error,
      needsInvocation: this.needsInvocation,
      invocationInFlight: this.invocation !== undefined,
      failures: countFailures ? this.consecutiveFailures : undefined,
      callbacks: [...this.callbacks.entries()],
      invokes: [...this.invokes.entries()],
    });
    return `${Buffer.from(this.digestSum.buffer).toString("hex")}:${rest}`;
  }

  /** Brings `operationDigests` and `digestSum` up to date with every change since last time. */
  #hashChanged(): void {
    for (const id of this.changedSinceDigest) {
      const previous = this.operationDigests.get(id);
      if (previous !== undefined) xorInto(this.digestSum, previous);
      const next = hashOf(this.readOperation(id));
      xorInto(this.digestSum, next);
      this.operationDigests.set(id, next);
    }
    this.changedSinceDigest.clear();
  }

  /**
   * The operation with this id, to change in place: after a fork, the first call copies it, so
   * the other side keeps the old one (internal object: copy before handing it out).
   */
  operation(id: string): Operation | undefined {
    const current = this.byId.get(id);
    if (current === undefined || this.#owned.has(current)) return current;
    const copy = copyOperation(current);
    this.#owned.add(copy);
    this.byId.set(id, copy);
    this.operations[this.startIndex.get(id)!] = copy;
    return copy;
  }

  /** The operation with this id, to read only (internal object: copy before handing it out). */
  readOperation(id: string): Operation | undefined {
    return this.byId.get(id);
  }

  /** Every operation in start order (internal objects: copy before handing them out). */
  allOperations(): readonly Operation[] {
    return this.operations;
  }

  /** Adds a new operation at the end of start order; it is pruned if its parent is or prunes. */
  addOperation(operation: Operation): void {
    const id = operation.Id!;
    this.startIndex.set(id, this.operations.length);
    this.operations.push(operation);
    this.byId.set(id, operation);
    this.#owned.add(operation);
    this.changedSinceDigest.add(id);
    this.changedSinceJournal.add(id);
    const parentId = operation.ParentId;
    if (parentId === undefined) return;
    const siblings = this.childIds.get(parentId);
    if (siblings === undefined) this.childIds.set(parentId, [id]);
    else siblings.push(id);
    const parent = this.byId.get(parentId);
    if (this.pruned.has(parentId) || (parent !== undefined && prunesChildren(parent))) {
      this.pruned.add(id);
    }
  }

  /**
   * Called when a CONTEXT ends: without `ReplayChildren` its descendants leave the function's
   * view (protocol.md §3 "Pruning"). They stay in `allOperations` and in the history.
   *
   * Decision (protocol.md is silent): a pruned operation is otherwise ordinary. A pruned callback
   * can still be answered or time out, a pruned invoke's target still ends it, and that still
   * asks for an invocation and still counts as pending work; the function, which no longer sees
   * it, simply replays.
   */
  contextEnded(context: Operation): void {
    if (!prunesChildren(context)) return;
    const stack = [...(this.childIds.get(context.Id!) ?? [])];
    while (stack.length > 0) {
      const id = stack.pop()!;
      // An operation already pruned has had its descendants pruned with it.
      if (this.pruned.has(id)) continue;
      this.pruned.add(id);
      stack.push(...(this.childIds.get(id) ?? []));
    }
  }

  /** Whether the function no longer sees this operation (a finished CONTEXT's descendant). */
  isPruned(operationId: string): boolean {
    return this.pruned.has(operationId);
  }

  /** The given operations in start order (internal objects: copy before handing them out). */
  operationsInStartOrder(ids: Iterable<string>): Operation[] {
    const positions = [...new Set(ids)]
      .map((id) => this.startIndex.get(id))
      .filter((index): index is number => index !== undefined)
      .sort((a, b) => a - b);
    return positions.map((index) => this.operations[index]!);
  }

  /** Numbers the event and appends it. */
  appendEvent(draft: EventDraft): void {
    const { EventType, ...rest } = draft;
    this.history.push({ EventType, EventId: this.history.length + 1, ...rest });
  }

  /** Asks for an invocation; keeps the earlier request time if one is already pending. */
  requestInvocation(): void {
    if (this.needsInvocation) return;
    this.needsInvocation = true;
    readinessCounter += 1;
    this.readySince = readinessCounter;
  }

  /** Ids of operations added or changed since the last call; forgets them. */
  takeChangedSinceJournal(): string[] {
    const ids = [...this.changedSinceJournal];
    this.changedSinceJournal.clear();
    return ids;
  }

  /** Records that a checkpoint changed an operation. */
  noteChanged(operationId: string): void {
    this.changedSinceDigest.add(operationId);
    this.changedSinceJournal.add(operationId);
  }

  /** Records that the service (not the function) changed an operation. */
  noteServiceChange(operationId: string): void {
    this.serviceChanges.add(operationId);
    this.changedSinceDigest.add(operationId);
    this.changedSinceJournal.add(operationId);
  }

  /** The service changes not yet reported to the in-flight invocation; forgets them. */
  takeServiceChanges(): string[] {
    const ids = [...this.serviceChanges];
    this.serviceChanges.clear();
    return ids;
  }

  /**
   * Ends the execution. With `deferEvent` (the function ended it through a checkpoint while its
   * invocation is still running) the terminal event is written when the invocation ends.
   */
  end(
    status: EndedStatus,
    now: Date,
    outcome: { result?: string; error?: ErrorObject },
    deferEvent = false,
  ): void {
    this.status = status;
    this.endTimestamp = new Date(now.getTime());
    this.result = outcome.result;
    this.error = outcome.error;
    this.executionOperation.Status = status;
    this.executionOperation.EndTimestamp = new Date(now.getTime());
    this.changedSinceDigest.add(this.executionOperation.Id!);
    this.changedSinceJournal.add(this.executionOperation.Id!);
    this.timers.clear();
    this.checkpointToken = undefined;
    this.needsInvocation = false;
    const event = executionEnded(this.executionOperation, status, now, outcome);
    if (deferEvent && this.invocation !== undefined) this.deferredEndEvent = event;
    else this.appendEvent(event);
    this.onEnd?.(this, now);
  }

  /** Whether retention has run out: an ended execution is kept `retentionPeriodInDays` days. */
  isExpired(now: Date): boolean {
    if (this.endTimestamp === undefined) return false;
    return now.getTime() >= this.endTimestamp.getTime() + this.retentionPeriodInDays * 86_400_000;
  }
}

/** protocol.md §3: a CONTEXT that ended without `ReplayChildren` hides its descendants. */
function prunesChildren(operation: Operation): boolean {
  return (
    operation.Type === "CONTEXT" &&
    (operation.Status === "SUCCEEDED" || operation.Status === "FAILED") &&
    operation.ContextDetails?.ReplayChildren !== true
  );
}

/** 128 bits of MD5 over the operation's canonical JSON; only equality matters. */
function hashOf(operation: Operation | undefined): Uint32Array {
  const digest = createHash("md5").update(canonicalJson(operation)).digest();
  return new Uint32Array(digest.buffer, digest.byteOffset, 4).slice();
}

function xorInto(sum: Uint32Array, value: Uint32Array): void {
  for (let i = 0; i < 4; i++) sum[i]! ^= value[i]!;
}

/** JSON with object keys sorted, so equal data gives equal text whatever order keys were set in. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item === null || typeof item !== "object" || Array.isArray(item)) return item;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(item).sort())
      sorted[key] = (item as Record<string, unknown>)[key];
    return sorted;
  });
}

function copyMap<K, V>(from: Map<K, V>, to: Map<K, V>): void {
  to.clear();
  for (const [key, value] of from) to.set(key, value);
}
