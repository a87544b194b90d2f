import { createHash } from "node:crypto";
import type {
  CheckpointDurableExecutionRequest,
  CheckpointDurableExecutionResponse,
  GetDurableExecutionStateRequest,
  GetDurableExecutionStateResponse,
  Operation,
  OperationUpdate,
} from "@aws-sdk/client-lambda";
import type {
  DurableExecutionClient,
  DurableExecutionInvocationInput,
  DurableExecutionInvocationOutput,
  LambdaContext,
} from "../../src/index.js";

/**
 * The wire id of a step id: lowercase hex MD5, cut to 16 characters (protocol.md §4). Computed
 * here, not imported from `src/`, so the tests check the runtime against the protocol.
 */
export function id(stepId: string): string {
  return createHash("md5").update(stepId).digest("hex").slice(0, 16);
}

/** The timestamp of everything the fake records; the runtime never reads the clock. */
const NOW = new Date("2026-01-01T00:00:00.000Z");

export const EXECUTION_ARN =
  "arn:aws:lambda:us-east-1:123456789012:function:orders:1/durable-execution/run/0001";

/** Failures a checkpoint call can be scripted to end with, shaped as client-lambda throws them. */
export type Fault =
  | "throttled"
  | "server-error"
  | "network-error"
  | "stale-token"
  | "invalid-parameter"
  | "not-found"
  | "kms-disabled";

export function faultError(fault: Fault): Error {
  const [name, status, message] = {
    throttled: ["TooManyRequestsException", 429, "Rate exceeded"],
    "server-error": ["ServiceException", 500, "Internal error"],
    "network-error": ["Error", undefined, "socket hang up"],
    "stale-token": ["InvalidParameterValueException", 400, "Invalid checkpoint token: t-old"],
    "invalid-parameter": ["InvalidParameterValueException", 400, "Invalid operation update"],
    "not-found": ["ResourceNotFoundException", 404, "Execution not found"],
    "kms-disabled": ["KMSDisabledException", 502, "The key is disabled"],
  }[fault] as [string, number | undefined, string];
  const error = Object.assign(new Error(message), { name });
  return status === undefined
    ? error
    : Object.assign(error, { $metadata: { httpStatusCode: status } });
}

/** What the fake does on one checkpoint call instead of simply answering it. */
export interface CheckpointScript {
  /** Throw this instead of applying the request. */
  fail?: Fault;
  /** Runs after the request's updates are applied; what it changes comes back in this response. */
  meanwhile?: () => void;
  /** Answer without a `CheckpointToken`. */
  withoutToken?: boolean;
}

/** Fields a test gives to record an operation; `Id`, `ParentId` and `StartTimestamp` are derived. */
export type RecordFields = Omit<Operation, "Id" | "ParentId" | "StartTimestamp">;

/**
 * A scripted stand-in for the Lambda durable execution service, for one execution. It builds
 * invocation events, serves the handler's `checkpoint` and `getExecutionState` calls through
 * `event.durableExecutionClient` (protocol.md §9), applies updates as the service does
 * (protocol.md §3, "Service semantics"), and keeps the state for the next invocation.
 *
 * Invariants: operations stay in start order; each checkpoint must carry the current token and
 * gets a new one (protocol.md §2, so overlapping checkpoints fail as stale); a checkpoint
 * response holds the operations the request changed plus those changed by `change` since the
 * previous response. Nothing else is validated: the tests assert what the runtime sends.
 *
 * @example
 * const service = new FakeService({ orderId: "o-1" }); // the execution's input
 * await service.invoke(handler); // PENDING: the wait at step id "2" started
 * service.change("2", { Status: "SUCCEEDED" }); // the service fires the wait
 * service.onCheckpoint(3, { fail: "throttled" }); // and throttles the third checkpoint
 * await expect(service.invoke(handler)).rejects.toThrow("TooManyRequestsException");
 * expect(service.updates.map((update) => update.Action)).toEqual(["START", ...]);
 */
export class FakeService {
  /** Every checkpoint request, in the order received. */
  readonly requests: CheckpointDurableExecutionRequest[] = [];
  /** Every `getExecutionState` request. */
  readonly stateRequests: GetDurableExecutionStateRequest[] = [];
  readonly #operations = new Map<string, Operation>();
  readonly #changed = new Set<string>();
  readonly #scripts = new Map<number, CheckpointScript>();
  #token: string | undefined;
  #tokens = 0;
  #invocations = 0;
  #callbacks = 0;

  readonly client: DurableExecutionClient = {
    checkpoint: (request) => this.#checkpoint(request),
    getExecutionState: (request) => this.#getExecutionState(request),
  };

  constructor(input: unknown = {}) {
    this.#operations.set("execution", {
      Id: "execution",
      Type: "EXECUTION",
      Status: "STARTED",
      StartTimestamp: NOW,
      ExecutionDetails: { InputPayload: JSON.stringify(input) },
    });
  }

  /** Every update the runtime sent, across requests and invocations. */
  get updates(): OperationUpdate[] {
    return this.requests.flatMap((request) => request.Updates ?? []);
  }

  /** The record of a step id, as the service holds it now. */
  operation(stepId: string): Operation | undefined {
    return this.#operations.get(id(stepId));
  }

  /** Records an operation as an earlier invocation left it, for a replay. */
  record(stepId: string, fields: RecordFields): this {
    const parent = stepId.includes("-") ? id(stepId.slice(0, stepId.lastIndexOf("-"))) : undefined;
    this.#operations.set(id(stepId), {
      Id: id(stepId),
      ...(parent === undefined ? {} : { ParentId: parent }),
      StartTimestamp: NOW,
      ...fields,
    });
    return this;
  }

  /**
   * Changes an operation outside the function, as the service does when a wait fires, a retry is
   * due or a callback is answered. `*Details` fields are merged into the record's own.
   */
  change(stepId: string, patch: Partial<Operation>): this {
    const current = this.#operations.get(id(stepId));
    if (current === undefined) throw new Error(`FakeService: no operation at step id ${stepId}`);
    const next: Operation = { ...current, ...patch };
    for (const [key, value] of Object.entries(patch)) {
      const before = current[key as keyof Operation];
      if (key.endsWith("Details"))
        Object.assign(next, { [key]: { ...(before as object), ...(value as object) } });
    }
    this.#operations.set(current.Id!, next);
    this.#changed.add(current.Id!);
    return this;
  }

  /** Scripts checkpoint call `n` (1-based, counted over the fake's life). */
  onCheckpoint(n: number, script: CheckpointScript): this {
    this.#scripts.set(n, script);
    return this;
  }

  /**
   * The event of the next invocation, with a fresh token. With `pageSize`, the event holds only
   * the first operations and the runtime must page the rest with `getExecutionState`.
   */
  event(options: { pageSize?: number } = {}): DurableExecutionInvocationInput {
    this.#token = this.#nextToken();
    this.#changed.clear();
    const operations = this.#visibleOperations();
    const size = options.pageSize ?? operations.length;
    return {
      DurableExecutionArn: EXECUTION_ARN,
      CheckpointToken: this.#token,
      InitialExecutionState: {
        Operations: operations.slice(0, size),
        ...(size < operations.length ? { NextMarker: String(size) } : {}),
      },
      durableExecutionClient: this.client,
    };
  }

  /** Invokes the handler as Lambda would, with the current state. */
  invoke(
    handler: (event: unknown, context?: LambdaContext) => Promise<DurableExecutionInvocationOutput>,
    options: { pageSize?: number } = {},
  ): Promise<DurableExecutionInvocationOutput> {
    this.#invocations += 1;
    return handler(this.event(options), {
      awsRequestId: `request-${this.#invocations}`,
      getRemainingTimeInMillis: () => 900_000,
    });
  }

  async #checkpoint(
    request: CheckpointDurableExecutionRequest,
  ): Promise<CheckpointDurableExecutionResponse> {
    this.requests.push(request);
    const script = this.#scripts.get(this.requests.length) ?? {};
    // Answer a turn later, as a network call would, so overlapping requests can show.
    await new Promise((resolve) => setImmediate(resolve));
    if (script.fail !== undefined) throw faultError(script.fail);
    if (request.CheckpointToken !== this.#token) throw faultError("stale-token");
    const touched = new Set(this.#changed);
    this.#changed.clear();
    for (const update of request.Updates ?? []) touched.add(this.#apply(update));
    script.meanwhile?.();
    for (const changed of this.#changed) touched.add(changed);
    this.#changed.clear();
    this.#token = script.withoutToken === true ? undefined : this.#nextToken();
    return {
      CheckpointToken: this.#token,
      NewExecutionState: { Operations: [...touched].map((key) => this.#operations.get(key)!) },
    };
  }

  async #getExecutionState(
    request: GetDurableExecutionStateRequest,
  ): Promise<GetDurableExecutionStateResponse> {
    this.stateRequests.push(request);
    // protocol.md §2: reading the state does not consume the token.
    if (request.CheckpointToken !== this.#token) throw faultError("stale-token");
    const operations = this.#visibleOperations();
    const from = Number(request.Marker ?? 0);
    const to = from + (request.MaxItems ?? 100);
    return {
      Operations: operations.slice(from, to),
      ...(to < operations.length ? { NextMarker: String(to) } : {}),
    };
  }

  /** Applies one update as the service does; returns the id of the operation it changed. */
  #apply(update: OperationUpdate): string {
    const key = update.Type === "EXECUTION" ? "execution" : update.Id!;
    const base: Operation = this.#operations.get(key) ?? {
      Id: key,
      ...(update.ParentId === undefined ? {} : { ParentId: update.ParentId }),
      ...(update.Name === undefined ? {} : { Name: update.Name }),
      Type: update.Type,
      SubType: update.SubType,
      StartTimestamp: NOW,
      Status: "STARTED",
    };
    this.#operations.set(key, { ...base, ...this.#outcome(update, base) });
    return key;
  }

  #outcome(update: OperationUpdate, current: Operation): Partial<Operation> {
    const { Action, Type, Payload, Error: error } = update;
    if (Action === "START") {
      if (Type === "WAIT")
        return { Status: "STARTED", WaitDetails: { ScheduledEndTimestamp: NOW } };
      if (Type === "CALLBACK") {
        this.#callbacks += 1;
        return {
          Status: "STARTED",
          CallbackDetails: { CallbackId: `callback-${this.#callbacks}` },
        };
      }
      return { Status: "STARTED" };
    }
    if (Action === "CANCEL") return { Status: "CANCELLED" };
    if (Type === "STEP") {
      const attempt = (current.StepDetails?.Attempt ?? 0) + 1;
      if (Action === "SUCCEED")
        return { Status: "SUCCEEDED", StepDetails: { Attempt: attempt, Result: Payload } };
      if (Action === "FAIL")
        return { Status: "FAILED", StepDetails: { Attempt: attempt, Error: error } };
      return {
        Status: "PENDING",
        StepDetails: { Attempt: attempt, NextAttemptTimestamp: NOW, Result: Payload, Error: error },
      };
    }
    const status = Action === "SUCCEED" ? "SUCCEEDED" : "FAILED";
    if (Type === "CONTEXT") {
      const replayChildren = update.ContextOptions?.ReplayChildren;
      return {
        Status: status,
        ContextDetails: {
          Result: Payload,
          Error: error,
          ...(replayChildren === undefined ? {} : { ReplayChildren: replayChildren }),
        },
      };
    }
    return { Status: status };
  }

  /**
   * The operations an invocation sees: all of them, less the descendants of a finished CONTEXT
   * without `ReplayChildren` (protocol.md §3, "Pruning").
   */
  #visibleOperations(): Operation[] {
    const pruned = (operation: Operation): boolean => {
      const parent = operation.ParentId && this.#operations.get(operation.ParentId);
      if (!parent) return false;
      const finished = parent.Status === "SUCCEEDED" || parent.Status === "FAILED";
      return (finished && parent.ContextDetails?.ReplayChildren !== true) || pruned(parent);
    };
    return [...this.#operations.values()].filter((operation) => !pruned(operation));
  }

  #nextToken(): string {
    this.#tokens += 1;
    return `token-${this.#tokens}`;
  }
}
