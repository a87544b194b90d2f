import { performance } from "node:perf_hooks";
import {
  DurableExecutionService,
  ExecutionDriver,
  type FunctionInvocation,
  type FunctionInvocationOutcome,
  InternalServiceError,
  type PendingWork,
  TooManyRequestsError,
  VirtualClock,
} from "@durable-examples/service";
import {
  type CallbackAnswer,
  callbackError,
  callbackResult,
  DeclaredAnswers,
  describeAnswer,
  type TrackedCallback,
} from "./callbacks.js";
import {
  ExecutionStuckError,
  HarnessError,
  InvocationTimeoutError,
  LambdaCallError,
  requirePositiveOptions,
  TooManyInvocationsError,
} from "./errors.js";
import { type CheckpointFault, networkError } from "./faults.js";
import { type DurableHistory, HISTORY_FORMAT } from "./history/history-file.js";
import {
  errorObjectOf,
  type InvocationScope,
  type InvocationSettled,
  invocationOutcomeOf,
  settleHandler,
} from "./invocation-scope.js";
import { describeCall, lambdaTrap } from "./lambda-trap.js";
import {
  DurableExecutionInvocationInputWithClient,
  type DurableRuntimeName,
  markedRuntime,
  SUPPORTED_RUNTIMES,
} from "./runtimes.js";
import { mulberry32 } from "./seeded-random.js";
import type { StepValueSource } from "./step-values.js";
import { operationLabel, renderTimeline } from "./timeline.js";
import type {
  DurableRun,
  ExecutionStatus,
  FunctionRegistration,
  InvocationRecord,
  LambdaHandler,
  RunOptions,
} from "./types.js";

const DEFAULT_FUNCTION_NAME = "durable-function";
const ID_SEED = "durable-examples/testing";
const ONE_YEAR_SECONDS = 366 * 86_400;
const DEFAULT_MAX_INVOCATIONS = 1_000;
/**
 * Real time an invocation may take before the run fails as hung. Sized so that the largest
 * single invocation in this repository (a thousand map items at once) passes on a 2-core machine
 * running the whole suite beside other work, and still well under the shared 60 s test timeout.
 */
export const DEFAULT_INVOCATION_TIME_LIMIT_MS = 20_000;

/** Whether pending work ends without the test answering it: a timer, a run or a call does. */
export function endsByItself(work: PendingWork): boolean {
  return (
    work.kind !== "callback" || work.timeoutAt !== undefined || work.heartbeatDeadline !== undefined
  );
}
/** Lambda's default for durable functions' tests: the most a function's Timeout may be. */
const DEFAULT_FUNCTION_TIMEOUT_SECONDS = 900;

export type Handler = (event: unknown, context: unknown) => Promise<unknown>;
type CheckpointRequest = Parameters<DurableExecutionService["checkpoint"]>[0];
type CheckpointResponse = ReturnType<DurableExecutionService["checkpoint"]>;

/** The invocation in flight, as the harness began it. */
export interface InvocationInFlight {
  executionArn: string;
  functionName: string;
  requestId: string;
  /** 1-based among the root execution's invocations. */
  index: number;
  isRoot: boolean;
  start: Date;
}

/**
 * Watches a run from inside: replay checks record the first run, fork it at crash points, and
 * stop a crashed run once it has caught up. Returning "stop" ends the run where it is.
 */
export interface RunObserver {
  /** An invocation has begun (its token issued); the handler has not been called yet. */
  invocationStarting?(
    run: HarnessRun,
    invocation: InvocationInFlight,
    event: unknown,
  ): "stop" | undefined;
  /** Checkpoint call `number` (counted over the run) has arrived; nothing is applied yet. */
  checkpointArriving?(run: HarnessRun, number: number): Promise<void> | undefined;
  /** Checkpoint call `number` was applied, or failed with `error`. */
  checkpointDone?(
    run: HarnessRun,
    number: number,
    request: CheckpointRequest,
    outcome: { response: CheckpointResponse } | { error: unknown },
  ): Promise<"stop" | undefined> | "stop" | undefined;
  invocationEnded?(
    run: HarnessRun,
    invocation: InvocationInFlight,
    settled: InvocationSettled,
  ): void;
  /** A plain function called by a chained invoke returned or threw. */
  functionCalled?(call: FunctionInvocation, settled: InvocationSettled): void;
}

/** How a run treats the handler's clock, randomness and progress, beyond the user's options. */
export interface RunSettings {
  /** Shift the clock and `Math.random` outside steps on replays (`perturbReplays`, replay checks). */
  perturb: "never" | "replays" | "always";
  /** Where step bodies' clock and randomness values come from, per invocation. */
  stepValues?: (executionName: string) => StepValueSource;
  observer?: RunObserver;
  /**
   * Whether an invocation that takes longer than `invocationTimeLimitMs` fails the run (default
   * true). Off for a replay check's second pass, whose invocations hold whole crashed runs.
   */
  timeLimit?: boolean;
}

/** Everything a run holds, so that a fork can take a copy. */
interface RunState {
  clock: VirtualClock;
  service: DurableExecutionService;
  started: Date;
  executionArn: string;
  handlers: Map<string, Handler>;
  invocations: InvocationRecord[];
  logs: Record<string, unknown>[];
  faults: CheckpointFault[];
  answers: DeclaredAnswers;
  checkpointCount: number;
  invocationCount: number;
  inFlight: InvocationInFlight | undefined;
  runtime: DurableRuntimeName | undefined;
}

/**
 * One run of a handler on its own service and virtual clock.
 *
 * Invariants: at most one invocation is in flight; the clock moves only when nothing can run;
 * an invocation that crashed is never heard from again (its client answers nothing); once
 * `stoppedAt` is set, the run does nothing more.
 */
export class HarnessRun {
  readonly clock: VirtualClock;
  readonly service: DurableExecutionService;
  readonly started: Date;
  readonly executionArn: string;
  settings: RunSettings;
  /** Why the run stopped early, set when an observer stopped it. */
  stoppedAt: string | undefined;
  /** The root handler's durable runtime, once known: from its mark, or seen as it runs. */
  runtime: DurableRuntimeName | undefined;
  private readonly handlers: Map<string, Handler>;
  private readonly invocations: InvocationRecord[];
  private readonly logs: Record<string, unknown>[];
  private readonly faults: CheckpointFault[];
  private readonly answers: DeclaredAnswers;
  private checkpointCount: number;
  private invocationCount: number;
  private inFlight: InvocationInFlight | undefined;
  private readonly driver: ExecutionDriver;

  private constructor(
    private readonly options: RunOptions,
    state: RunState,
    settings: RunSettings,
  ) {
    this.clock = state.clock;
    this.service = state.service;
    this.driver = new ExecutionDriver(state.service);
    this.started = state.started;
    this.executionArn = state.executionArn;
    this.handlers = state.handlers;
    this.invocations = state.invocations;
    this.logs = state.logs;
    this.faults = state.faults;
    this.answers = state.answers;
    this.checkpointCount = state.checkpointCount;
    this.invocationCount = state.invocationCount;
    this.inFlight = state.inFlight;
    this.settings = settings;
    this.runtime = state.runtime;
  }

  /** A run of `handler` with its execution started and nothing invoked yet. */
  static start(handler: LambdaHandler, options: RunOptions, settings?: RunSettings): HarnessRun {
    const functionName = options.functionName ?? DEFAULT_FUNCTION_NAME;
    const { clock, service, handlers } = prepare(
      handler,
      functionName,
      options,
      new VirtualClock(),
    );
    let input: string;
    try {
      input = JSON.stringify(options.input ?? null);
    } catch (error) {
      throw new HarnessError(`runDurable: input must be JSON-serializable: ${String(error)}`);
    }
    const started = clock.now();
    const { durableExecutionArn } = service.startExecution({ functionName, input });
    return new HarnessRun(
      options,
      {
        clock,
        service,
        started,
        executionArn: durableExecutionArn,
        handlers,
        invocations: [],
        logs: [],
        faults: [...(options.faults ?? [])],
        answers: new DeclaredAnswers(options.callbacks ?? []),
        checkpointCount: 0,
        invocationCount: 0,
        inFlight: undefined,
        runtime: markedRuntime(handler),
      },
      settings ?? { perturb: options.perturbReplays === true ? "replays" : "never" },
    );
  }

  /**
   * A run of `handler` on an execution recorded elsewhere, in its recorded state and at its
   * recorded time, its next invocation due: how changed code meets executions in flight.
   */
  static adopt(
    handler: LambdaHandler,
    history: DurableHistory,
    options: RunOptions,
    settings: RunSettings,
  ): HarnessRun {
    const { clock, service, handlers } = prepare(
      handler,
      history.functionName,
      options,
      new VirtualClock(latestTime(history)),
    );
    service.adoptExecution({
      ...history,
      ...(history.version === "$LATEST" ? { version: undefined } : {}),
    });
    return new HarnessRun(
      options,
      {
        clock,
        service,
        started: history.operations.find((op) => op.Type === "EXECUTION")!.StartTimestamp!,
        executionArn: history.executionArn,
        handlers,
        invocations: recordedInvocations(history),
        logs: [],
        faults: [...(options.faults ?? [])],
        answers: new DeclaredAnswers(options.callbacks ?? []),
        checkpointCount: 0,
        invocationCount: 0,
        inFlight: undefined,
        runtime: markedRuntime(handler),
      },
      settings,
    );
  }

  /**
   * An independent copy of this run as it is now (its service forked, an invocation in flight
   * still in flight), with other handlers and settings if given.
   */
  fork(settings: RunSettings, handlers: Map<string, Handler> = this.handlers): HarnessRun {
    const clock = new VirtualClock(this.clock.now());
    return new HarnessRun(
      this.options,
      {
        clock,
        service: this.service.fork(clock),
        started: this.started,
        executionArn: this.executionArn,
        handlers,
        invocations: [...this.invocations],
        logs: [...this.logs],
        faults: this.faults.map((fault) => ({ ...fault })),
        answers: this.answers.copy(),
        checkpointCount: this.checkpointCount,
        invocationCount: this.invocationCount,
        inFlight: this.inFlight,
        runtime: this.runtime,
      },
      settings,
    );
  }

  /** The handlers of the run, by function name. */
  handlerMap(): Map<string, Handler> {
    return new Map(this.handlers);
  }

  /** The same run with every handler replaced, for a second pass that plays a recording. */
  withHandlers(handlers: (name: string) => Handler, settings: RunSettings): HarnessRun {
    const replaced = new Map([...this.handlers.keys()].map((name) => [name, handlers(name)]));
    return this.fork(settings, replaced);
  }

  get status(): ExecutionStatus {
    return this.service.getExecution({ DurableExecutionArn: this.executionArn })
      .Status as ExecutionStatus;
  }

  get isDone(): boolean {
    return this.stoppedAt !== undefined || this.status !== "RUNNING";
  }

  /** Checkpoint calls that reached the harness so far, over all invocations. */
  get checkpoints(): number {
    return this.checkpointCount;
  }

  /** Faults still to come, and the calls counted so far, since they decide where those land. */
  faultDigest(): string {
    return this.faults.length === 0 ? "" : `${this.checkpointCount}:${JSON.stringify(this.faults)}`;
  }

  answerDigest(): string {
    return this.answers.digest();
  }

  /** Ends the invocation in flight as if its process died, as a fork taken inside it needs. */
  crashInFlight(reason: string): void {
    const invocation = this.inFlight;
    if (invocation === undefined) throw new HarnessError("No invocation is in flight to crash.");
    this.settle(invocation, { kind: "crashed", reason }, 0);
  }

  /** Invokes whatever can run now, applies due answers, until nothing more can happen at this time. */
  async runUntilIdle(): Promise<void> {
    for (;;) {
      if (this.stoppedAt !== undefined) return;
      // The service core's driver finds the work, as it does for the local server. Durable
      // invocations then run here rather than through driver.runInvocation: the harness crashes
      // them mid-flight and leaves one in flight for a fork, which a plain run-and-end cannot.
      const { executions: runnable, functionCalls: functions } = this.driver.dueWork();
      this.answers.track(() => this.callbacks());
      if (runnable.length === 0 && functions.length === 0 && !this.applyDueAnswers()) return;
      for (const arn of runnable) {
        await this.invoke(arn);
        if (this.stoppedAt !== undefined) return;
      }
      for (const call of functions) await this.callFunction(call);
    }
  }

  /** The next virtual time anything is due: a service timer or a declared answer. */
  nextEventAt(): number | undefined {
    const times = [this.service.nextTimerAt()?.getTime(), this.answers.nextAt()].filter(
      (time): time is number => time !== undefined,
    );
    return times.length === 0 ? undefined : Math.min(...times);
  }

  /** Moves the clock to `time`, firing the service's timers due by then. */
  moveClockTo(time: number): void {
    if (time > this.clock.now().getTime()) this.clock.advanceTo(new Date(time));
    this.service.fireDueTimers();
  }

  /** Runs to the end: time jumps to the next event whenever nothing can run. */
  async runToEnd(): Promise<void> {
    for (;;) {
      await this.runUntilIdle();
      if (this.stoppedAt !== undefined) return;
      if (this.isDone) {
        this.checkAnswersUsed();
        return;
      }
      const next = this.nextEventAt();
      if (next === undefined || !this.hasProgressAhead())
        throw new ExecutionStuckError(this.stuckMessage());
      this.moveClockTo(next);
    }
  }

  /** Runs everything due within `ms` of virtual time from now. */
  async advance(ms: number): Promise<void> {
    const target = this.clock.now().getTime() + ms;
    for (;;) {
      await this.runUntilIdle();
      const next = this.nextEventAt();
      if (this.isDone || next === undefined || next > target) break;
      this.moveClockTo(next);
    }
    this.moveClockTo(target);
    await this.runUntilIdle();
  }

  /** Callbacks of the root execution, in start order. */
  callbacks(): TrackedCallback[] {
    const found = this.service.findCallbacks(this.executionArn);
    let names: Map<string | undefined, string | undefined> | undefined;
    const nameOf = (parentId: string) => {
      names ??= new Map(
        this.service
          .getOperations(this.executionArn)
          .map((operation) => [operation.Id, operation.Name]),
      );
      return names.get(parentId);
    };
    return found.map((callback) => ({
      callbackId: callback.callbackId,
      operationId: callback.operationId,
      name:
        callback.name ?? (callback.parentId === undefined ? undefined : nameOf(callback.parentId)),
      startedAt: callback.startedAt,
      status: callback.status,
    }));
  }

  sendCallback(callbackId: string, answer: CallbackAnswer): void {
    if ("succeed" in answer) {
      const result = callbackResult(answer.succeed);
      this.service.sendCallbackSuccess({
        CallbackId: callbackId,
        ...(result === undefined ? {} : { Result: result }),
      });
    } else if ("fail" in answer) {
      const error = callbackError(answer.fail);
      this.service.sendCallbackFailure({
        CallbackId: callbackId,
        ...(error === undefined ? {} : { Error: error }),
      });
    } else if ("heartbeat" in answer) {
      this.service.sendCallbackHeartbeat({ CallbackId: callbackId });
    }
  }

  /** The execution as it stands, as a history file keeps it (see `history/history-file.ts`). */
  history(): DurableHistory {
    const execution = this.service.getExecution({ DurableExecutionArn: this.executionArn });
    return {
      format: HISTORY_FORMAT,
      functionName: functionNameOf(execution.FunctionArn),
      version: execution.Version ?? "$LATEST",
      executionArn: this.executionArn,
      status: execution.Status as ExecutionStatus,
      operations: this.service.visibleOperations(this.executionArn),
      events: readHistory(this.service, this.executionArn),
    };
  }

  result(): DurableRun {
    const execution = this.service.getExecution({
      DurableExecutionArn: this.executionArn,
      IncludeExecutionData: true,
    });
    const operations = this.service.getOperations(this.executionArn);
    const history = readHistory(this.service, this.executionArn);
    const resultPayload = execution.Result;
    const end = execution.EndTimestamp ?? this.clock.now();
    const run: DurableRun = {
      executionArn: this.executionArn,
      runtime: this.runtime ?? "unknown",
      status: execution.Status as ExecutionStatus,
      result:
        resultPayload === undefined || resultPayload === "" ? undefined : JSON.parse(resultPayload),
      resultPayload,
      error: execution.Error,
      operations,
      history,
      invocations: this.invocations,
      logs: this.logs,
      checkpointCount: this.checkpointCount,
      elapsedMs: end.getTime() - this.started.getTime(),
      timeline: "",
      toHistory: () => this.history(),
      getOperation(name) {
        const found = operations.find((operation) => operation.Name === name);
        if (found === undefined) {
          const names = [...new Set(operations.map((operation) => operation.Name).filter(Boolean))];
          throw new HarnessError(
            `No operation named "${name}". Operations in this run: ${names.length === 0 ? "none with a name" : names.map((n) => `"${n}"`).join(", ")}.`,
          );
        }
        return found;
      },
    };
    run.timeline = renderTimeline(run, this.started);
    return run;
  }

  /**
   * A declared answer whose name matched no callback is most likely a typo, which would otherwise
   * let a test pass for the wrong reason. When the execution did not succeed, that failure comes
   * first: it may be why the callback never started.
   */
  private checkAnswersUsed(): void {
    const unmatched = this.answers.unmatched(this.callbacks());
    if (unmatched.length === 0) return;
    const known = [...new Set(this.callbacks().map((c) => c.name ?? "(unnamed)"))];
    const names = unmatched.map((n) => `"${n}"`).join(", ");
    const started = known.length === 0 ? "none" : known.map((n) => `"${n}"`).join(", ");
    const execution = this.service.getExecution({ DurableExecutionArn: this.executionArn });
    if (execution.Status !== "SUCCEEDED") {
      const error = execution.Error;
      throw new HarnessError(
        `The execution ended ${execution.Status}${error === undefined ? "" : ` with ${error.ErrorType ?? "Error"}: ${error.ErrorMessage ?? ""}`} before it started a callback named ${names}, which the callbacks option answers (callbacks started: ${started}). If that failure is what the test expects, drop the answer.`,
      );
    }
    throw new HarnessError(
      `The callbacks option answers ${names}, but the execution started no callback by that name (callbacks started: ${started}). Use "*" to answer any callback.`,
    );
  }

  /** Whether anything ahead can invoke the execution again: a wait, retry, timeout or answer. */
  private hasProgressAhead(): boolean {
    if (this.answers.hasPending) return true;
    return this.service.pendingWork(this.executionArn).some(endsByItself);
  }

  private stuckMessage(): string {
    const work = this.service.pendingWork(this.executionArn);
    const unanswered = work.filter(
      (item): item is Extract<PendingWork, { kind: "callback" }> =>
        item.kind === "callback" &&
        item.timeoutAt === undefined &&
        item.heartbeatDeadline === undefined,
    );
    if (unanswered.length > 0) {
      const names = unanswered.map((callback) => {
        const tracked = this.callbacks().find((c) => c.callbackId === callback.callbackId);
        return tracked?.name === undefined
          ? `callback ${callback.operationId}`
          : `callback "${tracked.name}"`;
      });
      return `Execution can never finish: ${names.join(", ")} ${names.length === 1 ? "has" : "have"} no answer and no timeout. Answer it in the test (the callbacks option, or startDurable() and callback(name)) or give it a timeout.`;
    }
    return `Execution can never finish: it is running, but nothing is scheduled to invoke it again (pending: ${work.length === 0 ? "nothing" : work.map((item) => JSON.stringify(item)).join(", ")}).`;
  }

  /** Sends every declared answer due by now; true if any was sent. */
  private applyDueAnswers(): boolean {
    let applied = false;
    for (const { callbackId, answer } of this.answers.takeDue(this.clock.now().getTime())) {
      const callback = this.callbacks().find((c) => c.callbackId === callbackId);
      // Already answered or timed out, or the execution is over: later answers lapse.
      if (callback?.status !== "STARTED" || this.isDone) continue;
      try {
        this.sendCallback(callbackId, answer);
      } catch (error) {
        throw new HarnessError(
          `Could not ${describeAnswer(answer)} callback "${answer.name}": ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      applied = true;
    }
    return applied;
  }

  private async invoke(executionArn: string): Promise<void> {
    const maxInvocations = this.options.maxInvocations ?? DEFAULT_MAX_INVOCATIONS;
    if (this.invocationCount >= maxInvocations) {
      throw new TooManyInvocationsError(
        `Gave up after ${maxInvocations} invocations: the execution is still running. Raise maxInvocations if that many are expected, or look at run.invocations for a loop.`,
      );
    }
    this.invocationCount += 1;
    const functionName = functionNameOf(
      this.service.getExecution({ DurableExecutionArn: executionArn }).FunctionArn,
    );
    const handler = this.handlers.get(functionName);
    if (handler === undefined)
      throw new HarnessError(`No handler registered for function "${functionName}".`);
    const isRoot = executionArn === this.executionArn;
    const request = this.service.beginInvocation(executionArn);
    const invocation: InvocationInFlight = {
      executionArn,
      functionName,
      requestId: request.requestId,
      index: this.invocations.length + 1,
      isRoot,
      start: this.clock.now(),
    };
    this.inFlight = invocation;
    const { observer } = this.settings;
    if (observer?.invocationStarting?.(this, invocation, request.event) === "stop") {
      this.stoppedAt = `the start of invocation ${invocation.index}`;
      return;
    }

    let crashed: string | undefined;
    let signalCrash!: (reason: string) => void;
    const crash = new Promise<string>((resolve) => {
      signalCrash = resolve;
    });
    let checkpoints = 0;
    const replaying = !isRoot || invocation.index > 1;
    const scope: InvocationScope = {
      logs: this.logs,
      perturb:
        this.settings.perturb === "always" || (this.settings.perturb === "replays" && replaying),
      stepValues: this.settings.stepValues?.(executionNameOf(executionArn)),
      outsideRandom: this.settings.stepValues === undefined ? undefined : mulberry32(1),
      crash: (reason) => {
        crashed ??= reason;
        signalCrash(crashed);
      },
    };
    const neverAnswer = () => new Promise<never>(() => {});
    const client = {
      checkpoint: async (req: CheckpointRequest) => {
        if (crashed !== undefined) return neverAnswer();
        this.checkpointCount += 1;
        checkpoints += 1;
        const number = this.checkpointCount;
        await observer?.checkpointArriving?.(this, number);
        const crashPoint =
          this.options.crash?.atCheckpoint === number ? this.options.crash : undefined;
        if (crashPoint?.when === "before-apply") {
          scope.crash(`crashed before checkpoint ${number} was applied`);
          return neverAnswer();
        }
        let response: CheckpointResponse;
        try {
          response = this.applyCheckpoint(req, number);
        } catch (error) {
          await observer?.checkpointDone?.(this, number, req, { error });
          throw error;
        }
        if (crashPoint?.when === "after-apply") {
          scope.crash(`crashed after checkpoint ${number} was applied`);
          return neverAnswer();
        }
        if ((await observer?.checkpointDone?.(this, number, req, { response })) === "stop") {
          this.stoppedAt = `checkpoint ${number}`;
          scope.crash("stopped");
          return neverAnswer();
        }
        return response;
      },
      getExecutionState: async (
        req: Parameters<DurableExecutionService["getExecutionState"]>[0],
      ) => {
        if (crashed !== undefined) return neverAnswer();
        return this.service.getExecutionState(req);
      },
    };

    // As the official testing library does (protocol.md §9), the event carries Date timestamps and
    // the injected client; the runtime reads ISO strings the same way (the local service sends those).
    const event = new DurableExecutionInvocationInputWithClient(request.event, client);
    const trappedBefore = lambdaTrap.calls.length;
    const timeoutMs =
      (this.options.functionTimeoutSeconds ?? DEFAULT_FUNCTION_TIMEOUT_SECONDS) * 1000;
    const startedAt = performance.now();
    const lambdaContext = {
      awsRequestId: request.requestId,
      functionName,
      getRemainingTimeInMillis: () =>
        Math.max(0, Math.round(timeoutMs - (performance.now() - startedAt))),
    };
    const limitMs = this.options.invocationTimeLimitMs ?? DEFAULT_INVOCATION_TIME_LIMIT_MS;
    const settled = await settleHandler(
      scope,
      () => handler(event, lambdaContext),
      crash,
      this.settings.timeLimit === false ? undefined : limitMs,
    );
    if (settled.kind === "hung") {
      scope.crash("hung");
      throw new InvocationTimeoutError(this.hangMessage(invocation, limitMs));
    }
    if (lambdaTrap.calls.length > trappedBefore) {
      scope.crash("called Lambda");
      throw new LambdaCallError(lambdaCallMessage(lambdaTrap.calls[trappedBefore]!));
    }
    if (isRoot && scope.runtime !== undefined) this.runtime ??= scope.runtime;
    if (this.stoppedAt !== undefined) return;
    this.settle(invocation, settled, checkpoints);
  }

  /** What an invocation that never settled is stuck in, as far as its checkpoints tell. */
  private hangMessage(invocation: InvocationInFlight, limitMs: number): string {
    const operations = this.service
      .getOperations(invocation.executionArn)
      .filter((operation) => operation.Type !== "EXECUTION");
    const running = operations.filter((operation) => operation.Status === "STARTED");
    const step = running.findLast((operation) => operation.Type === "STEP");
    const context = running.findLast((operation) => operation.Type === "CONTEXT");
    const last = operations.at(-1);
    const stuck =
      step !== undefined
        ? `${operationLabel(step)} is still running: its body has not settled`
        : context !== undefined
          ? `${operationLabel(context)} has not finished, and no step in it is running`
          : last !== undefined
            ? `the handler has not returned, and no operation is running (the last one was ${operationLabel(last)})`
            : "the handler has not returned, and has started no operation";
    const which = invocation.isRoot
      ? `Invocation ${invocation.index}`
      : `An invocation of "${invocation.functionName}"`;
    return `${which} did not finish within ${limitMs} ms of real time: ${stuck}. Something it awaits never settles, which on Lambda keeps the function running until it times out. Make it settle, or raise invocationTimeLimitMs if it really takes that long.`;
  }

  /** Applies a checkpoint request, or fails it as the fault planned for this call says. */
  private applyCheckpoint(req: CheckpointRequest, number: number): CheckpointResponse {
    const fault = this.takeFault(number);
    if (fault === "throttling") throw new TooManyRequestsError("Rate exceeded");
    if (fault === "server-error") throw new InternalServiceError("Internal service error");
    if (fault === "network-error") throw networkError();
    const response = this.service.checkpoint(
      fault === "stale-token" ? { ...req, CheckpointToken: `${req.CheckpointToken}-stale` } : req,
    );
    if (fault === "lost-response") throw networkError();
    if (fault === "missing-token") {
      // The service withholds the token when it will invoke the function again itself.
      this.service.requestInvocation(req.DurableExecutionArn!);
      const { CheckpointToken: _withheld, ...withoutToken } = response;
      return withoutToken;
    }
    return response;
  }

  /** Records how the invocation ended and tells the service. */
  private settle(
    invocation: InvocationInFlight,
    settled: InvocationSettled,
    checkpoints: number,
  ): void {
    this.inFlight = undefined;
    const record: InvocationRecord = {
      index: invocation.index,
      requestId: invocation.requestId,
      start: invocation.start,
      end: this.clock.now(),
      outcome: "CRASHED",
      checkpoints,
    };
    const { executionArn, requestId } = invocation;
    const outcome = invocationOutcomeOf(settled);
    if (outcome.kind === "returned") {
      const status = (outcome.output as { Status?: unknown } | undefined)?.Status;
      record.outcome =
        status === "SUCCEEDED" || status === "FAILED" || status === "PENDING" ? status : "THREW";
    } else {
      record.outcome = settled.kind === "crashed" ? "CRASHED" : "THREW";
      record.error = outcome.error;
    }
    this.service.endInvocation(executionArn, requestId, outcome);
    if (invocation.isRoot) this.invocations.push(record);
    this.settings.observer?.invocationEnded?.(this, invocation, settled);
  }

  /** A plain (not durable) function called by `context.invoke`. */
  private async callFunction(call: FunctionInvocation) {
    const handler = this.handlers.get(call.functionName);
    let settled: InvocationSettled | undefined;
    const trappedBefore = lambdaTrap.calls.length;
    await this.driver.runFunctionCall(call, async (): Promise<FunctionInvocationOutcome> => {
      if (handler === undefined) {
        return {
          kind: "threw",
          error: {
            ErrorType: "ResourceNotFoundException",
            ErrorMessage: `No handler for ${call.functionName}`,
          },
        };
      }
      try {
        const input = call.payload === undefined ? undefined : JSON.parse(call.payload);
        const output = await handler(input, {
          awsRequestId: call.invocationId,
          functionName: call.functionName,
        });
        settled = { kind: "returned", output };
        return {
          kind: "returned",
          result: output === undefined ? undefined : JSON.stringify(output),
        };
      } catch (error) {
        settled = { kind: "threw", error };
        return { kind: "threw", error: errorObjectOf(error) };
      }
    });
    if (lambdaTrap.calls.length > trappedBefore) {
      throw new LambdaCallError(lambdaCallMessage(lambdaTrap.calls[trappedBefore]!));
    }
    if (settled !== undefined) this.settings.observer?.functionCalled?.(call, settled);
  }

  private takeFault(checkpoint: number) {
    const index = this.faults.findIndex((fault) => fault.atCheckpoint === checkpoint);
    if (index < 0) return undefined;
    return this.faults.splice(index, 1)[0]!.kind;
  }
}

/** A service on `clock` with the run's functions registered, and their handlers by name. */
function prepare(
  handler: LambdaHandler,
  functionName: string,
  options: RunOptions,
  clock: VirtualClock,
): { clock: VirtualClock; service: DurableExecutionService; handlers: Map<string, Handler> } {
  requirePositiveOptions("runDurable", options, [
    "maxInvocations",
    "invocationTimeLimitMs",
    "functionTimeoutSeconds",
  ]);
  // Seeded: a run's ids come out the same every time, so a recorded history is stable.
  const service = new DurableExecutionService({
    clock,
    idSeed: ID_SEED,
    limits:
      options.initialStatePageSize === undefined
        ? {}
        : { initialStatePageSize: options.initialStatePageSize },
  });
  const handlers = new Map<string, Handler>();
  const register = (name: string, registration: FunctionRegistration, timeout?: number) => {
    if (typeof registration?.handler !== "function") {
      throw new HarnessError(
        `functions["${name}"] must be a handler or { handler, durable?: boolean }, got ${typeof registration}.`,
      );
    }
    const durable = registration.durable ?? true;
    if (!durable && registration.executionTimeoutSeconds !== undefined) {
      throw new HarnessError(
        `functions["${name}"]: executionTimeoutSeconds applies to durable functions only; leave it out or drop durable: false.`,
      );
    }
    service.registerFunction(name, {
      durable,
      ...(durable ? { executionTimeoutSeconds: timeout ?? ONE_YEAR_SECONDS } : {}),
    });
    handlers.set(name, registration.handler as Handler);
  };
  register(functionName, { handler, durable: true }, options.executionTimeoutSeconds);
  for (const [name, registration] of Object.entries(options.functions ?? {})) {
    const entry =
      typeof registration === "function" ? { handler: registration, durable: true } : registration;
    register(name, entry, entry.executionTimeoutSeconds);
  }
  return { clock, service, handlers };
}

/**
 * Where a history's clock stood when it was recorded: the latest time anything happened (a wait's
 * scheduled end, a retry's next attempt are still to come).
 */
function latestTime(history: DurableHistory): Date {
  let latest = 0;
  for (const operation of history.operations) {
    for (const at of [operation.StartTimestamp, operation.EndTimestamp]) {
      if (at !== undefined) latest = Math.max(latest, at.getTime());
    }
  }
  for (const event of history.events) {
    if (event.EventTimestamp !== undefined)
      latest = Math.max(latest, event.EventTimestamp.getTime());
  }
  return new Date(latest);
}

/** The invocations a history recorded, as the harness would have recorded them. */
function recordedInvocations(history: DurableHistory): InvocationRecord[] {
  return history.events
    .filter((event) => event.EventType === "InvocationCompleted")
    .map((event, index) => {
      const details = event.InvocationCompletedDetails;
      const error = details?.Error?.Payload;
      return {
        index: index + 1,
        requestId: details?.RequestId ?? "",
        start: details?.StartTimestamp ?? new Date(0),
        end: details?.EndTimestamp ?? new Date(0),
        // A running execution's invocation that ended without an error suspended.
        outcome:
          error === undefined
            ? "PENDING"
            : error.ErrorType === "Runtime.ExitError"
              ? "CRASHED"
              : "THREW",
        ...(error === undefined ? {} : { error }),
        checkpoints: 0,
      };
    });
}

function lambdaCallMessage(call: { method: string; path: string }): string {
  return `The handler called the Lambda API itself (${describeCall(call)}) instead of using the checkpoint client the harness hands it in the invocation event, so its durable runtime did not take that client. The harness runs handlers built with ${SUPPORTED_RUNTIMES}. If the handler calls Lambda for its own ends, stub that call in the test.`;
}

function functionNameOf(functionArn: string | undefined): string {
  const match = /:function:([^:]+)/.exec(functionArn ?? "");
  return match?.[1] ?? functionArn ?? "";
}

/** `…/durable-execution/{name}/{id}` → name: stable across forks of a run. */
function executionNameOf(executionArn: string): string {
  return /\/durable-execution\/([^/]+)\//.exec(executionArn)?.[1] ?? executionArn;
}

function readHistory(service: DurableExecutionService, arn: string) {
  const events = [];
  let marker: string | undefined;
  do {
    const page = service.getExecutionHistory({
      DurableExecutionArn: arn,
      IncludeExecutionData: true,
      MaxItems: 1000,
      ...(marker === undefined ? {} : { Marker: marker }),
    });
    events.push(...(page.Events ?? []));
    marker = page.NextMarker;
  } while (marker !== undefined);
  return events;
}
