import type {
  CheckpointDurableExecutionRequest,
  CheckpointDurableExecutionResponse,
  ErrorObject,
  GetDurableExecutionHistoryRequest,
  GetDurableExecutionHistoryResponse,
  GetDurableExecutionRequest,
  GetDurableExecutionResponse,
  GetDurableExecutionStateRequest,
  GetDurableExecutionStateResponse,
  ListDurableExecutionsByFunctionRequest,
  ListDurableExecutionsByFunctionResponse,
  Operation,
  SendDurableExecutionCallbackFailureRequest,
  SendDurableExecutionCallbackFailureResponse,
  SendDurableExecutionCallbackHeartbeatRequest,
  SendDurableExecutionCallbackHeartbeatResponse,
  SendDurableExecutionCallbackSuccessResponse,
  StopDurableExecutionRequest,
  StopDurableExecutionResponse,
} from "@aws-sdk/client-lambda";
import { checkpointExecution, readExecutionState } from "./checkpoint/checkpoint.js";
import type { Clock } from "./clock.js";
import { copyData, copyOperation } from "./copy.js";
import { DurableExecutionAlreadyStartedError, InvalidParameterValueError } from "./errors.js";
import { adoptedState, type RecordedExecution } from "./executions/adopt.js";
import { CallbackRegistry, type CallbackSuccessRequest } from "./executions/callback-registry.js";
import { ChainedInvokes } from "./executions/chained-invokes.js";
import { Execution, type InvokedBy } from "./executions/execution.js";
import { ExecutionStore } from "./executions/execution-store.js";
import { beginInvocation, endInvocation } from "./executions/invocations.js";
import { describeExecution, executionListPage, historyPage } from "./executions/queries.js";
import {
  decodeDates,
  encodeDates,
  type JournalEntry,
  markJournaled,
  readExecutionSnapshot,
  SERVICE_STATE_FORMAT,
  type ServiceState,
  snapshotExecution,
  takeJournalEntry,
} from "./executions/snapshot.js";
import { fireDueTimersOf, nextTimerOf, pendingWorkOf } from "./executions/timers.js";
import { describeValue, errorBytes, errorObjectProblem, utf8Bytes } from "./fields.js";
import { FunctionRegistry, type RegisteredFunction } from "./functions.js";
import { EXECUTION_NAME_PATTERN, executionArn, IdSource } from "./ids.js";
import { MAX_PAYLOAD_BYTES, resolveLimits, type ServiceLimits } from "./limits.js";
import type { ServiceEnvironment } from "./operations/operation-type.js";
import type {
  CallbackRecord,
  FunctionInvocation,
  FunctionInvocationOutcome,
  FunctionRegistration,
  InvocationOutcome,
  InvocationRequest,
  PendingWork,
  ServiceOptions,
} from "./types.js";

/**
 * The Lambda durable execution service, in memory (design.md, protocol.md). One synchronous state
 * machine driven by a {@link Clock}: the caller (the test harness or the local server) schedules
 * invocations with `runnableExecutions` / `beginInvocation` / `endInvocation`, moves time and calls
 * `fireDueTimers`; the function talks to it through the Lambda API methods (`checkpoint`,
 * `getExecutionState`, …), which take and return the `@aws-sdk/client-lambda` shapes and throw
 * {@link ServiceError}s named like Lambda's exceptions; outside systems answer callbacks with
 * `sendCallbackSuccess` / `Failure` / `Heartbeat`; plain functions called by chained invokes are
 * run by the caller through `pendingFunctionInvocations` / `beginFunctionInvocation` /
 * `endFunctionInvocation`. Every returned object is a copy.
 *
 * Invariants: nothing is shared between two services; time is read only from `clock`; an
 * execution changes only inside a method call, so every method sees a consistent state.
 *
 * @example
 * const clock = new VirtualClock();
 * const service = new DurableExecutionService({ clock });
 * service.registerFunction("greeter");
 * const { durableExecutionArn } = service.startExecution({ functionName: "greeter", input: '"World"' });
 * for (const arn of service.runnableExecutions()) {
 *   const { requestId, event } = service.beginInvocation(arn);
 *   const output = await handler(event, lambdaContext);
 *   service.endInvocation(arn, requestId, { kind: "returned", output });
 * }
 */
export class DurableExecutionService {
  /** The clock every timestamp and timer reads. */
  readonly clock: Clock;
  private readonly limits: ServiceLimits;
  private readonly functions: FunctionRegistry;
  private readonly executions: ExecutionStore;
  private readonly callbacks: CallbackRegistry;
  private readonly invokes: ChainedInvokes;
  private readonly environment: ServiceEnvironment;
  private readonly options: ServiceOptions;
  private readonly ids: IdSource;
  private executionCount = 0;

  /** @param ids where ids come from; internal: a fork passes a copy of its parent's. */
  constructor(options: ServiceOptions, ids = new IdSource(options.idSeed)) {
    this.options = options;
    this.clock = options.clock;
    this.limits = resolveLimits(options.limits);
    this.ids = ids;
    this.executions = new ExecutionStore(options.journal === true);
    this.functions = new FunctionRegistry(
      options.region ?? "us-east-1",
      options.accountId ?? "123456789012",
    );
    this.callbacks = new CallbackRegistry(this.executions, this.limits, this.ids);
    this.invokes = new ChainedInvokes(
      this.functions,
      this.executions,
      (fn, input, executionName, invokedBy, now, version) =>
        this.createExecution(fn, input, executionName, now, invokedBy, version).execution,
      this.ids,
      options.resolveInvokeVersion,
    );
    this.environment = {
      issueToken: () => this.ids.token(),
      issueCallbackId: (execution, operationId) => this.callbacks.issue(execution, operationId),
      startInvokeTarget: (execution, operation, target, payload, now) =>
        this.invokes.start(execution, operation, target, payload, now),
      cancelInvokeTarget: (execution, operationId, now) =>
        this.invokes.cancel(execution, operationId, now),
    };
  }

  /**
   * Registers a function, or replaces its configuration; executions already started keep the
   * configuration they started with. A durable function (the default) runs durable executions; a
   * plain one (`durable: false`) can only be the target of a CHAINED_INVOKE, and the driver runs
   * it (see {@link DurableExecutionService.pendingFunctionInvocations}).
   *
   * @throws InvalidParameterValueError for a bad name or configuration value.
   * @example
   * const { functionArn } = service.registerFunction("orders", { executionTimeoutSeconds: 3600 });
   * service.registerFunction("send-email", { durable: false });
   */
  registerFunction(name: string, config: FunctionRegistration = {}): { functionArn: string } {
    return { functionArn: this.functions.register(name, config).arn };
  }

  /**
   * Starts a durable execution, as an Invoke of a durable function does (protocol.md §8). With an
   * `executionName` the start is idempotent: the same name and input return the existing
   * execution with `alreadyStarted: true`. A new execution needs an invocation at once.
   *
   * @throws ResourceNotFoundError for an unknown function.
   * @throws DurableExecutionAlreadyStartedError for a known name with a different input.
   * @throws InvalidParameterValueError for a bad name or input, or a function that is not durable.
   * @example
   * const { durableExecutionArn } = service.startExecution({
   *   functionName: "orders",
   *   input: '{"id":7}',
   *   executionName: "order-7",
   * });
   */
  startExecution(input: {
    functionName: string;
    input?: string;
    executionName?: string;
    version?: string;
  }): {
    durableExecutionArn: string;
    alreadyStarted: boolean;
  } {
    const fn = this.functions.get(input?.functionName);
    const name = input.executionName;
    if (name !== undefined && (typeof name !== "string" || !EXECUTION_NAME_PATTERN.test(name))) {
      throw new InvalidParameterValueError(
        `DurableExecutionName must match [a-zA-Z0-9-_]{1,64}, got ${describeValue(name)}.`,
      );
    }
    const version = input.version;
    if (version !== undefined && (typeof version !== "string" || !/^[0-9]{1,10}$/.test(version))) {
      throw new InvalidParameterValueError(
        `version must be a published version number such as "1", got ${describeValue(version)}.`,
      );
    }
    const { execution, alreadyStarted } = this.createExecution(
      fn,
      input.input,
      name,
      this.clock.now(),
      undefined,
      version,
    );
    return { durableExecutionArn: execution.arn, alreadyStarted };
  }

  /**
   * Starts an execution of a durable function, or returns the one already started under this name
   * with this input. Shared by `startExecution` and chained invokes (`invokedBy`).
   */
  private createExecution(
    fn: RegisteredFunction,
    payload: string | undefined,
    name: string | undefined,
    now: Date,
    invokedBy?: InvokedBy,
    version?: string,
  ): { execution: Execution; alreadyStarted: boolean } {
    if (!fn.durable) {
      throw new InvalidParameterValueError(
        `Function ${fn.name} is not durable, so it cannot start a durable execution. Register it with durable: true (the default), or call it from a CHAINED_INVOKE.`,
      );
    }
    checkInputPayload(payload);
    const existing =
      name === undefined ? undefined : this.executions.findByName(fn.name, name, now);
    if (existing !== undefined) {
      if (existing.input === payload) return { execution: existing, alreadyStarted: true };
      throw new DurableExecutionAlreadyStartedError(
        `Durable execution "${name}" of function ${fn.name} already started with a different input. Use another DurableExecutionName, or the same input to get the existing execution.`,
      );
    }
    const executionName = name ?? this.ids.uuid();
    this.executionCount += 1;
    const { executionId, executionOperationId } = this.ids.executionIds(
      fn.arn,
      executionName,
      this.executionCount,
    );
    const execution = new Execution({
      sequence: this.executionCount,
      arn: executionArn(fn.arn, executionName, executionId, version),
      ...(version === undefined ? {} : { version }),
      name: executionName,
      functionName: fn.name,
      functionArn: fn.arn,
      input: payload,
      executionOperationId,
      startTimestamp: now,
      executionTimeoutSeconds: fn.executionTimeoutSeconds,
      retentionPeriodInDays: fn.retentionPeriodInDays,
      ...(invokedBy === undefined
        ? {}
        : {
            invokedBy,
            onEnd: (child: Execution, at: Date) => this.invokes.childEnded(child, at),
          }),
    });
    this.executions.add(execution);
    return { execution, alreadyStarted: false };
  }

  /**
   * Takes in an execution recorded elsewhere (by another service, or by Lambda: the operations
   * `GetDurableExecutionState` returned and, if known, the `GetDurableExecutionHistory` events), in
   * the state it was recorded in, under its own ARN. Its waits, retries and callback deadlines go
   * on from their recorded times; it needs an invocation at once only if its last one died or was
   * still running when it was recorded (`requestInvocation` asks for one anyway). Replaying a
   * recorded execution against changed code starts here.
   *
   * @throws ResourceNotFoundError for an unknown function.
   * @throws InvalidParameterValueError for a recording without an EXECUTION operation, or an ARN
   * this service already holds.
   * @example
   * service.registerFunction("orders");
   * const { durableExecutionArn } = service.adoptExecution({
   *   functionName: "orders",
   *   executionArn: recorded.executionArn,
   *   operations: recorded.operations,
   *   events: recorded.events,
   * });
   */
  adoptExecution(
    recorded: RecordedExecution & { functionName: string; executionArn: string; version?: string },
  ): { durableExecutionArn: string } {
    const fn = this.functions.get(recorded?.functionName);
    const execution = recorded.operations?.find((operation) => operation.Type === "EXECUTION");
    if (execution?.Id === undefined || execution.StartTimestamp === undefined) {
      throw new InvalidParameterValueError(
        "Cannot adopt an execution without its EXECUTION operation (with Id and StartTimestamp): give every operation GetDurableExecutionState returned.",
      );
    }
    const now = this.clock.now();
    if (this.executions.find(recorded.executionArn, now) !== undefined) {
      throw new InvalidParameterValueError(
        `Cannot adopt durable execution ${recorded.executionArn}: this service already holds it.`,
      );
    }
    const started = recorded.events?.find((event) => event.EventType === "ExecutionStarted");
    this.executionCount += 1;
    const adopted = new Execution({
      sequence: this.executionCount,
      arn: recorded.executionArn,
      ...(recorded.version === undefined ? {} : { version: recorded.version }),
      name: /\/durable-execution\/([^/]+)\//.exec(recorded.executionArn)?.[1] ?? "recorded",
      functionName: fn.name,
      functionArn: fn.arn,
      input: execution.ExecutionDetails?.InputPayload,
      executionOperationId: execution.Id,
      startTimestamp: execution.StartTimestamp,
      executionTimeoutSeconds:
        started?.ExecutionStartedDetails?.ExecutionTimeout ?? fn.executionTimeoutSeconds,
      retentionPeriodInDays: fn.retentionPeriodInDays,
    });
    const state = adoptedState(recorded);
    adopted.restore(state);
    if (state.invocationDue) adopted.requestInvocation();
    this.executions.add(adopted);
    this.callbacks.adopt(adopted);
    return { durableExecutionArn: adopted.arn };
  }

  /**
   * An independent copy of this service as it is now, on its own clock: functions, executions
   * (an invocation in flight stays in flight, with its token), callbacks and chained invokes.
   * Ids the service derives for an operation (callback ids, chained executions) come out the same
   * in the fork as they would here, so a replay check can crash a run at a checkpoint and carry
   * on from there without running everything before it again.
   *
   * @example
   * const fork = service.fork(new VirtualClock(service.clock.now()));
   * fork.endInvocation(arn, requestId, { kind: "threw", error: { ErrorType: "Runtime.ExitError" } });
   */
  fork(clock: Clock): DurableExecutionService {
    const copy = new DurableExecutionService({ ...this.options, clock }, this.ids.copy());
    for (const { name, ...config } of this.functions.all()) copy.functions.register(name, config);
    for (const execution of this.executions.all(this.clock.now())) {
      const forked = execution.fork(
        execution.invokedBy === undefined
          ? undefined
          : (child: Execution, at: Date) => copy.invokes.childEnded(child, at),
      );
      copy.executions.add(forked);
      copy.callbacks.adopt(forked);
    }
    copy.invokes.copyCallsFrom(this.invokes);
    copy.executionCount = this.executionCount;
    return copy;
  }

  /**
   * A digest of the state that decides what the service does next (see `Execution.digest`): two
   * services with equal digests, driven alike, behave alike. With `countFailures`, the failed
   * invocations in a row count too (they decide when the service gives up on an execution).
   *
   * @example
   * if (fork.stateDigest() === baselineDigest) console.log("the crashed run caught up");
   */
  stateDigest(options: { countFailures?: boolean } = {}): string {
    const parts = this.executions
      .all(this.clock.now())
      .map((execution) => execution.digest(options.countFailures === true));
    parts.push(this.invokes.digest());
    return parts.join("|");
  }

  /**
   * A snapshot of everything the service holds (functions, executions with their operations,
   * history, timers as absolute times, callbacks, chained invokes), as JSON-compatible data, so
   * that a local server can write it to disk and a new service can carry on with
   * {@link DurableExecutionService.importState}. Checkpoint tokens are not worth keeping: an
   * invocation in flight cannot survive the process that ran it.
   *
   * @example
   * writeFileSync("state.json", JSON.stringify(service.exportState()));
   */
  exportState(options: { executions?: boolean } = {}): ServiceState {
    const now = this.clock.now();
    const executions = options.executions === false ? [] : this.executions.all(now);
    return {
      format: SERVICE_STATE_FORMAT,
      executionCount: this.executionCount,
      functions: this.functions.all().map(({ arn: _arn, ...fn }) => fn),
      executions: executions.map((e) => encodeDates(snapshotExecution(e))),
      functionCalls: encodeDates(this.invokes.snapshot()) as unknown[],
    };
  }

  /**
   * Loads what {@link DurableExecutionService.exportState} returned into this service, which must
   * hold no executions yet. Functions are registered again; executions come back as they were,
   * except that an invocation in flight when the state was exported ended with the process that
   * ran it: it is recorded as crashed (`Runtime.ExitError`) and the execution is invoked again,
   * as Lambda does after a crash. Plain function calls begun by the old driver become pending.
   *
   * @throws InvalidParameterValueError if the service already has executions, or the state is
   * not one `exportState` wrote.
   * @example
   * const service = new DurableExecutionService({ clock: new SystemClock() });
   * service.importState(JSON.parse(readFileSync("state.json", "utf8")));
   */
  importState(state: ServiceState, options: { journaled?: boolean } = {}): void {
    if (state?.format !== SERVICE_STATE_FORMAT || !Array.isArray(state.executions)) {
      throw new InvalidParameterValueError(
        `Cannot import state: expected format ${SERVICE_STATE_FORMAT} from exportState(), got ${describeValue(state?.format)}.`,
      );
    }
    if (this.executions.all(this.clock.now()).length > 0) {
      throw new InvalidParameterValueError(
        "Cannot import state into a service that already has executions. Import into a new service.",
      );
    }
    for (const { name, ...config } of state.functions ?? []) this.registerFunction(name, config);
    const snapshots = state.executions.map(readExecutionSnapshot);
    const restored: Execution[] = [];
    for (const snapshot of snapshots.sort((a, b) => a.seed.sequence - b.seed.sequence)) {
      const execution = new Execution({
        ...snapshot.seed,
        ...(snapshot.seed.invokedBy === undefined
          ? {}
          : { onEnd: (child: Execution, at: Date) => this.invokes.childEnded(child, at) }),
      });
      execution.restore(snapshot);
      // A journal already holds it as it is: only what happens from here on is new.
      if (options.journaled === true) markJournaled(execution);
      this.executions.add(execution);
      this.callbacks.adopt(execution);
      restored.push(execution);
    }
    this.executionCount = Math.max(
      state.executionCount ?? 0,
      restored.length,
      ...snapshots.map((snapshot) => snapshot.seed.sequence),
    );
    // Requests for invocations keep their order.
    const ready = snapshots
      .map((snapshot, index) => ({ snapshot, execution: restored[index]! }))
      .filter(({ snapshot }) => snapshot.needsInvocation && snapshot.status === "RUNNING")
      .sort((a, b) => a.snapshot.readySince - b.snapshot.readySince);
    for (const { execution } of ready) execution.requestInvocation();
    this.invokes.restore(
      (decodeDates(state.functionCalls ?? []) as { call: FunctionInvocation }[]) ?? [],
    );
    const now = this.clock.now();
    for (const execution of restored) {
      const invocation = execution.invocation;
      if (invocation === undefined) continue;
      endInvocation(
        execution,
        invocation.requestId,
        { kind: "threw", error: restartCrash(execution.consecutiveFailures + 1, this.limits) },
        this.limits,
        now,
      );
    }
  }

  /**
   * What changed in each execution since the last call (the service must have been made with
   * `journal: true`): one {@link JournalEntry} per execution that changed, costing what changed,
   * and the ARNs of executions forgotten since (their retention ran out). An execution's first
   * entry holds all of it; `foldJournal` adds an execution's entries back up into a snapshot for
   * {@link DurableExecutionService.importState} with `journaled: true`.
   *
   * @example
   * const { entries } = service.takeJournalEntries();
   * for (const { executionArn, entry } of entries) appendLine(fileOf(executionArn), entry);
   */
  takeJournalEntries(): {
    entries: { executionArn: string; entry: JournalEntry }[];
    forgotten: string[];
  } {
    if (this.options.journal !== true) {
      throw new InvalidParameterValueError(
        "takeJournalEntries: this service keeps no journal. Make it with journal: true.",
      );
    }
    const entries: { executionArn: string; entry: JournalEntry }[] = [];
    for (const execution of this.executions.changing()) {
      const entry = takeJournalEntry(execution);
      if (entry !== undefined) entries.push({ executionArn: execution.arn, entry });
      this.executions.settleIfDone(execution);
    }
    return { entries, forgotten: this.executions.takeForgotten() };
  }

  /**
   * Asks for another invocation of a running execution, as the Lambda service does when it
   * answers a checkpoint without a token (protocol.md §2, rule 3): the invocation in flight can
   * checkpoint no more and ends with PENDING, and the next one carries on.
   *
   * @throws ResourceNotFoundError for an unknown execution.
   * @throws InvalidParameterValueError if the execution has ended.
   * @example
   * service.requestInvocation(arn);
   */
  requestInvocation(executionArn: string): void {
    const execution = this.executions.get(executionArn, this.clock.now());
    if (execution.status !== "RUNNING") {
      throw new InvalidParameterValueError(
        `Cannot invoke durable execution ${execution.arn} again: it has ended with status ${execution.status}.`,
      );
    }
    execution.requestInvocation();
  }

  /**
   * ARNs of running executions that need an invocation and have none in flight, the one that has
   * needed it longest first.
   *
   * @example
   * for (const arn of service.runnableExecutions()) await invoke(arn);
   */
  runnableExecutions(): string[] {
    return this.executions
      .running()
      .filter((execution) => execution.needsInvocation && execution.invocation === undefined)
      .sort((a, b) => a.readySince - b.readySince)
      .map((execution) => execution.arn);
  }

  /**
   * Begins an invocation: issues a fresh checkpoint token (the previous one dies) and builds the
   * event (protocol.md §1). Allowed for an execution that needs nothing (Lambda may invoke
   * spuriously); refused while another invocation is in flight.
   *
   * @throws ResourceNotFoundError for an unknown execution.
   * @throws InvalidParameterValueError if the execution has ended or an invocation is in flight.
   * @example
   * const { requestId, event } = service.beginInvocation(arn);
   */
  beginInvocation(executionArn: string): InvocationRequest {
    const now = this.clock.now();
    return beginInvocation(this.executions.get(executionArn, now), this.limits, now, this.ids);
  }

  /**
   * Ends the invocation in flight: records `InvocationCompleted` and applies its outcome
   * (SUCCEEDED / FAILED end the execution, PENDING waits, a failure is retried); see
   * {@link InvocationOutcome}.
   *
   * @throws ResourceNotFoundError for an unknown execution.
   * @throws InvalidParameterValueError if `requestId` is not the invocation in flight.
   * @example
   * service.endInvocation(arn, requestId, {
   *   kind: "returned",
   *   output: { Status: "SUCCEEDED", Result: '"done"' },
   * });
   */
  endInvocation(executionArn: string, requestId: string, outcome: InvocationOutcome): void {
    const now = this.clock.now();
    endInvocation(this.executions.get(executionArn, now), requestId, outcome, this.limits, now);
  }

  /**
   * The earliest pending timer of any running execution: a wait's end, a retry delay's end, a
   * callback's timeout or heartbeat deadline, or an execution timeout. Undefined when no
   * execution is running.
   *
   * @example
   * const next = service.nextTimerAt();
   * if (next !== undefined) {
   *   clock.advanceTo(next);
   *   service.fireDueTimers();
   * }
   */
  nextTimerAt(): Date | undefined {
    let next: number | undefined;
    for (const execution of this.executions.running()) {
      const at = nextTimerOf(execution)?.getTime();
      if (at !== undefined && (next === undefined || at < next)) next = at;
    }
    return next === undefined ? undefined : new Date(next);
  }

  /**
   * Applies every timer due at `clock.now()`: waits succeed, retrying steps become READY,
   * callbacks past a deadline become TIMED_OUT (each asks for an invocation), executions past
   * their timeout become TIMED_OUT (and a chained invoke waiting on one ends TIMED_OUT).
   *
   * @example
   * clock.advanceTo(service.nextTimerAt()!);
   * service.fireDueTimers();
   */
  fireDueTimers(): void {
    const now = this.clock.now();
    for (const execution of this.executions.running()) fireDueTimersOf(execution, now);
  }

  /**
   * What a running execution waits on (an invocation, waits, retries, callbacks, chained invokes
   * and the plain function calls they made), for messages such as "Execution can never finish".
   * A callback with neither `timeoutAt` nor `heartbeatDeadline` ends only if someone answers it.
   * Empty once the execution has ended.
   *
   * @throws ResourceNotFoundError for an unknown execution.
   * @example
   * service.pendingWork(arn); // [{ kind: "wait", operationId, name: "cool-down", until }]
   */
  pendingWork(executionArn: string): PendingWork[] {
    return pendingWorkOf(this.executions.get(executionArn, this.clock.now()));
  }

  /**
   * CheckpointDurableExecution (protocol.md §2, §3).
   *
   * @throws ResourceNotFoundError for an unknown execution.
   * @throws InvalidParameterValueError for a stale token ("Invalid checkpoint token…"), an ended
   * execution, or an update that breaks a rule (the message names it and what is allowed).
   * @example
   * const { CheckpointToken, NewExecutionState } = service.checkpoint({
   *   DurableExecutionArn: arn,
   *   CheckpointToken: token,
   *   Updates: [{ Id: "c4ca4238a0b92382", Type: "STEP", SubType: "Step", Action: "START" }],
   * });
   */
  checkpoint(req: CheckpointDurableExecutionRequest): CheckpointDurableExecutionResponse {
    const now = this.clock.now();
    return checkpointExecution(
      this.executions.get(req?.DurableExecutionArn, now),
      req,
      this.limits,
      now,
      this.environment,
    );
  }

  /**
   * GetDurableExecutionState (protocol.md §2): a page of operations in start order, without the
   * descendants of CONTEXTs that ended without `ReplayChildren` (§3 "Pruning"). It checks the
   * token without consuming it.
   *
   * @throws ResourceNotFoundError for an unknown execution.
   * @throws InvalidParameterValueError for a stale token, a bad `MaxItems` or `Marker`.
   * @example
   * const page = service.getExecutionState({ DurableExecutionArn: arn, CheckpointToken: token, Marker: marker });
   */
  getExecutionState(req: GetDurableExecutionStateRequest): GetDurableExecutionStateResponse {
    const now = this.clock.now();
    return readExecutionState(this.executions.get(req?.DurableExecutionArn, now), req, now);
  }

  /**
   * GetDurableExecution (protocol.md §8). `IncludeExecutionData: false` leaves out the input,
   * result and error.
   *
   * @throws ResourceNotFoundError for an unknown execution.
   * @example
   * const { Status, Result } = service.getExecution({ DurableExecutionArn: arn });
   */
  getExecution(req: GetDurableExecutionRequest): GetDurableExecutionResponse {
    const execution = this.executions.get(req?.DurableExecutionArn, this.clock.now());
    return describeExecution(execution, req.IncludeExecutionData !== false);
  }

  /**
   * GetDurableExecutionHistory (protocol.md §8): events from EventId 1, paged by `MaxItems`
   * (default 100, at most 1,000) and `Marker`, newest first with `ReverseOrder`.
   *
   * @throws ResourceNotFoundError for an unknown execution.
   * @throws InvalidParameterValueError for a bad `MaxItems` or `Marker`.
   * @example
   * const { Events, NextMarker } = service.getExecutionHistory({ DurableExecutionArn: arn, MaxItems: 1000 });
   */
  getExecutionHistory(req: GetDurableExecutionHistoryRequest): GetDurableExecutionHistoryResponse {
    const now = this.clock.now();
    return historyPage(this.executions.get(req?.DurableExecutionArn, now), req, now);
  }

  /**
   * ListDurableExecutionsByFunction (protocol.md §8), filtered by `Statuses`, `StartedAfter`,
   * `StartedBefore` and `DurableExecutionName`; newest first unless `ReverseOrder`.
   *
   * @throws ResourceNotFoundError for an unknown function.
   * @throws InvalidParameterValueError for a bad filter, `MaxItems` or `Marker`.
   * @example
   * const { DurableExecutions } = service.listExecutionsByFunction({ FunctionName: "orders", Statuses: ["RUNNING"] });
   */
  listExecutionsByFunction(
    req: ListDurableExecutionsByFunctionRequest,
  ): ListDurableExecutionsByFunctionResponse {
    const fn = this.functions.get(req?.FunctionName);
    const now = this.clock.now();
    const executions = this.executions
      .all(now)
      .filter((execution) => execution.functionName === fn.name);
    return executionListPage(executions, fn.arn, req, now);
  }

  /**
   * StopDurableExecution (protocol.md §8): the execution becomes STOPPED with the optional error,
   * and an invocation in flight can no longer checkpoint. Decision: executions it started with
   * chained invokes keep running (a chained invoke waiting on this one ends STOPPED).
   *
   * @throws ResourceNotFoundError for an unknown execution.
   * @throws InvalidParameterValueError if the execution is not running or the error is malformed.
   * @example
   * const { StopTimestamp } = service.stopExecution({
   *   DurableExecutionArn: arn,
   *   Error: { ErrorMessage: "cancelled by operator" },
   * });
   */
  stopExecution(req: StopDurableExecutionRequest): StopDurableExecutionResponse {
    const now = this.clock.now();
    const execution = this.executions.get(req?.DurableExecutionArn, now);
    if (req.Error !== undefined) {
      const problem = errorObjectProblem(req.Error);
      if (problem !== undefined) throw new InvalidParameterValueError(`Error ${problem}.`);
      const bytes = errorBytes(req.Error);
      if (bytes > this.limits.maxErrorBytes) {
        throw new InvalidParameterValueError(
          `Error size must be less than or equal to ${this.limits.maxErrorBytes} bytes, got ${bytes}.`,
        );
      }
    }
    // Decision: Lambda's answer for stopping an ended execution is undocumented; refusing keeps
    // the recorded outcome and tells the caller why nothing happened.
    if (execution.status !== "RUNNING") {
      throw new InvalidParameterValueError(
        `Cannot stop durable execution ${execution.arn}: it is not running (status ${execution.status}).`,
      );
    }
    execution.end("STOPPED", now, req.Error === undefined ? {} : { error: copyData(req.Error) });
    return { StopTimestamp: now };
  }

  /**
   * Every operation of the execution, unpruned, in start order (for tests and timelines).
   *
   * @throws ResourceNotFoundError for an unknown execution.
   * @example
   * const steps = service.getOperations(arn).filter((op) => op.Type === "STEP");
   */
  getOperations(executionArn: string): Operation[] {
    return this.executions.get(executionArn, this.clock.now()).allOperations().map(copyOperation);
  }

  /**
   * The operations `GetDurableExecutionState` would return for the execution, without paging or a
   * token: every one the function can see, in start order (a recorded history keeps these).
   *
   * @throws ResourceNotFoundError for an unknown execution.
   * @example
   * const operations = service.visibleOperations(arn);
   */
  visibleOperations(executionArn: string): Operation[] {
    const execution = this.executions.get(executionArn, this.clock.now());
    return execution
      .allOperations()
      .filter((operation) => !execution.isPruned(operation.Id!))
      .map(copyOperation);
  }

  /**
   * Every CALLBACK operation of the execution, pruned or not, in start order, with its id and
   * status: how a test finds the callback to answer by name.
   *
   * @throws ResourceNotFoundError for an unknown execution.
   * @example
   * const { callbackId } = service.findCallbacks(arn).find((c) => c.name === "approval")!;
   * service.sendCallbackSuccess({ CallbackId: callbackId, Result: '"approved"' });
   */
  findCallbacks(executionArn: string): CallbackRecord[] {
    const execution = this.executions.get(executionArn, this.clock.now());
    return execution
      .allOperations()
      .filter((operation) => operation.Type === "CALLBACK")
      .map((operation) => ({
        operationId: operation.Id!,
        ...(operation.Name === undefined ? {} : { name: operation.Name }),
        ...(operation.ParentId === undefined ? {} : { parentId: operation.ParentId }),
        callbackId: operation.CallbackDetails!.CallbackId!,
        status: operation.Status!,
        startedAt: new Date(operation.StartTimestamp!.getTime()),
      }));
  }

  /**
   * SendDurableExecutionCallbackSuccess (protocol.md §3, §8): the callback becomes SUCCEEDED with
   * `CallbackDetails.Result` = the body as UTF-8 text (bytes as client-lambda sends them, or a
   * string), and its execution needs an invocation.
   *
   * @throws InvalidParameterValueError for a malformed id or result, a result over
   * `maxOperationPayloadBytes`, a callback already completed or cancelled, or an ended execution.
   * @throws CallbackTimeoutError if the callback timed out.
   * @throws ResourceNotFoundError for an unknown callback id.
   * @example
   * service.sendCallbackSuccess({ CallbackId: callbackId, Result: new TextEncoder().encode('"approved"') });
   */
  sendCallbackSuccess(req: CallbackSuccessRequest): SendDurableExecutionCallbackSuccessResponse {
    this.callbacks.succeed(req, this.clock.now());
    return {};
  }

  /**
   * SendDurableExecutionCallbackFailure (protocol.md §3, §8): the callback becomes FAILED with
   * `CallbackDetails.Error` (`{}` when no error is sent), and its execution needs an invocation.
   *
   * @throws InvalidParameterValueError for a malformed id or error, a callback already completed
   * or cancelled, or an ended execution.
   * @throws CallbackTimeoutError if the callback timed out.
   * @throws ResourceNotFoundError for an unknown callback id.
   * @example
   * service.sendCallbackFailure({
   *   CallbackId: callbackId,
   *   Error: { ErrorType: "RejectedError", ErrorMessage: "not approved" },
   * });
   */
  sendCallbackFailure(
    req: SendDurableExecutionCallbackFailureRequest,
  ): SendDurableExecutionCallbackFailureResponse {
    this.callbacks.fail(req, this.clock.now());
    return {};
  }

  /**
   * SendDurableExecutionCallbackHeartbeat (protocol.md §3, §8): the callback's heartbeat deadline
   * starts again from now (nothing happens to one without `HeartbeatTimeoutSeconds`). No event,
   * no invocation.
   *
   * @throws InvalidParameterValueError for a malformed id, a callback already completed or
   * cancelled, or an ended execution.
   * @throws CallbackTimeoutError if the callback timed out.
   * @throws ResourceNotFoundError for an unknown callback id.
   * @example
   * service.sendCallbackHeartbeat({ CallbackId: callbackId });
   */
  sendCallbackHeartbeat(
    req: SendDurableExecutionCallbackHeartbeatRequest,
  ): SendDurableExecutionCallbackHeartbeatResponse {
    this.callbacks.heartbeat(req, this.clock.now());
    return {};
  }

  /**
   * Calls of plain functions made by chained invokes that the driver has not begun, oldest first.
   * A durable target needs nothing here: it runs as an execution of its own, listed by
   * `runnableExecutions`.
   *
   * @example
   * for (const call of service.pendingFunctionInvocations()) await run(call);
   */
  pendingFunctionInvocations(): FunctionInvocation[] {
    return this.invokes.pending();
  }

  /**
   * Marks a plain function call as begun, so `pendingFunctionInvocations` no longer lists it.
   *
   * @throws ResourceNotFoundError for an unknown, ended or withdrawn invocation.
   * @throws InvalidParameterValueError if it has already begun.
   * @example
   * service.beginFunctionInvocation(call.invocationId);
   */
  beginFunctionInvocation(invocationId: string): void {
    this.invokes.begin(invocationId);
  }

  /**
   * Ends a plain function call: its CHAINED_INVOKE becomes SUCCEEDED with `Result` (returned) or
   * FAILED with `Error` (threw), and the caller needs an invocation. If the operation was
   * cancelled or the caller has ended meanwhile, the outcome is discarded.
   *
   * @throws ResourceNotFoundError for an unknown invocation.
   * @throws InvalidParameterValueError if it has not begun, or the outcome is malformed.
   * @example
   * service.endFunctionInvocation(call.invocationId, { kind: "returned", result: '{"sent":true}' });
   */
  endFunctionInvocation(invocationId: string, outcome: FunctionInvocationOutcome): void {
    this.invokes.end(invocationId, outcome, this.clock.now());
  }
}

function checkInputPayload(payload: unknown): void {
  if (payload === undefined) return;
  if (typeof payload !== "string") {
    throw new InvalidParameterValueError(
      `input must be JSON text (a string), got ${describeValue(payload)}.`,
    );
  }
  const bytes = utf8Bytes(payload);
  if (bytes > MAX_PAYLOAD_BYTES) {
    throw new InvalidParameterValueError(
      `input must be at most ${MAX_PAYLOAD_BYTES} bytes (6 MB, Lambda's Invoke limit), got ${bytes}.`,
    );
  }
  try {
    JSON.parse(payload);
  } catch (error) {
    throw new InvalidParameterValueError(`input must be JSON text: ${(error as Error).message}.`, {
      cause: error,
    });
  }
}

/**
 * The error of an invocation that was running when the service stopped: its function process
 * ended with the service. It says what happened and, as it counts towards
 * `maxInvocationAttempts`, whether the execution fails because of it (the last such error is the
 * execution's error).
 */
function restartCrash(failuresInARow: number, limits: ServiceLimits): ErrorObject {
  const what =
    "The service stopped while this invocation was running, and its function process ended with it";
  return {
    ErrorType: "Runtime.ExitError",
    ErrorMessage:
      failuresInARow >= limits.maxInvocationAttempts
        ? `${what}. That was ${failuresInARow} failed invocations in a row, the most allowed, so the execution fails.`
        : `${what} (failed invocation ${failuresInARow} in a row of ${limits.maxInvocationAttempts} allowed).`,
  };
}
