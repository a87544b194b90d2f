import type { ErrorObject } from "@aws-sdk/client-lambda";
import {
  DurableExecutionService,
  InternalServiceError,
  type PendingWork,
  TooManyRequestsError,
  VirtualClock,
} from "@durable-examples/service";
import {
  type CallbackAnswer,
  callbackError,
  callbackResult,
  describeAnswer,
  durationMs,
} from "./callbacks.js";
import { ExecutionStuckError, HarnessError, TooManyInvocationsError } from "./errors.js";
import { type CheckpointFault, networkError } from "./faults.js";
import { type InvocationScope, runInInvocation } from "./invocation-scope.js";
import { renderTimeline } from "./timeline.js";
import type {
  DurableRun,
  ExecutionStatus,
  FunctionRegistration,
  InvocationRecord,
  LambdaHandler,
  RunOptions,
} from "./types.js";

const DEFAULT_FUNCTION_NAME = "durable-function";
const ONE_YEAR_SECONDS = 366 * 86_400;
const DEFAULT_MAX_INVOCATIONS = 1_000;

/** A callback of the run as the harness tracks it. */
export interface TrackedCallback {
  callbackId: string;
  operationId: string;
  /** Its own name, or its waitForCallback's. */
  name: string | undefined;
  startedAt: Date;
  status: string;
}

interface ScheduledAnswer {
  at: number;
  callbackId: string;
  answer: CallbackAnswer;
}

type Handler = (event: unknown, context: unknown) => Promise<unknown>;

/**
 * One run of a handler on its own service and virtual clock.
 *
 * Invariants: at most one invocation is in flight; the clock moves only when nothing can run;
 * an invocation that crashed is never heard from again (its client answers nothing); declared
 * callback answers are scheduled once, when their callback is first seen.
 */
export class HarnessRun {
  readonly clock = new VirtualClock();
  readonly service: DurableExecutionService;
  readonly started: Date;
  readonly executionArn: string;
  private readonly functionName: string;
  private readonly handlers = new Map<string, Handler>();
  private readonly invocations: InvocationRecord[] = [];
  private readonly logs: Record<string, unknown>[] = [];
  private readonly faults: CheckpointFault[];
  private readonly answers: CallbackAnswer[];
  private readonly scheduled: ScheduledAnswer[] = [];
  private readonly seenCallbacks = new Set<string>();
  private checkpointCount = 0;
  private invocationCount = 0;

  constructor(
    handler: LambdaHandler,
    private readonly options: RunOptions,
  ) {
    this.functionName = options.functionName ?? DEFAULT_FUNCTION_NAME;
    this.faults = [...(options.faults ?? [])];
    this.answers = [...(options.callbacks ?? [])];
    this.service = new DurableExecutionService({
      clock: this.clock,
      limits:
        options.initialStatePageSize === undefined
          ? {}
          : { initialStatePageSize: options.initialStatePageSize },
    });
    this.register(
      this.functionName,
      { handler, durable: true },
      options.executionTimeoutSeconds ?? ONE_YEAR_SECONDS,
    );
    for (const [name, registration] of Object.entries(options.functions ?? {})) {
      this.register(
        name,
        typeof registration === "function"
          ? { handler: registration, durable: true }
          : registration,
      );
    }
    let input: string;
    try {
      input = JSON.stringify(options.input ?? null);
    } catch (error) {
      throw new HarnessError(`runDurable: input must be JSON-serializable: ${String(error)}`);
    }
    this.started = this.clock.now();
    this.executionArn = this.service.startExecution({
      functionName: this.functionName,
      input,
    }).durableExecutionArn;
  }

  private register(
    name: string,
    registration: FunctionRegistration,
    executionTimeoutSeconds = ONE_YEAR_SECONDS,
  ): void {
    if (typeof registration?.handler !== "function") {
      throw new HarnessError(
        `functions["${name}"] must be a handler or { handler, durable?: boolean }, got ${typeof registration}.`,
      );
    }
    const durable = registration.durable ?? true;
    this.service.registerFunction(name, {
      durable,
      ...(durable ? { executionTimeoutSeconds } : {}),
    });
    this.handlers.set(name, registration.handler as Handler);
  }

  get status(): ExecutionStatus {
    return this.service.getExecution({ DurableExecutionArn: this.executionArn })
      .Status as ExecutionStatus;
  }

  get isDone(): boolean {
    return this.status !== "RUNNING";
  }

  /** Invokes whatever can run now, applies due answers, until nothing more can happen at this time. */
  async runUntilIdle(): Promise<void> {
    for (;;) {
      const runnable = this.service.runnableExecutions();
      const functions = this.service.pendingFunctionInvocations();
      this.trackCallbacks();
      if (runnable.length === 0 && functions.length === 0 && !this.applyDueAnswers()) return;
      for (const arn of runnable) await this.invoke(arn);
      for (const call of functions) await this.callFunction(call);
    }
  }

  /** The next virtual time anything is due: a service timer or a declared answer. */
  nextEventAt(): number | undefined {
    const times = [
      this.service.nextTimerAt()?.getTime(),
      ...this.scheduled.map((entry) => entry.at),
    ].filter((time): time is number => time !== undefined);
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
      if (this.isDone) {
        const unmatched = this.unmatchedAnswers();
        if (unmatched.length > 0) {
          const known = [...new Set(this.callbacks().map((c) => c.name ?? "(unnamed)"))];
          throw new HarnessError(
            `The callbacks option answers ${unmatched.map((n) => `"${n}"`).join(", ")}, but the execution started no callback by that name (callbacks started: ${known.length === 0 ? "none" : known.map((n) => `"${n}"`).join(", ")}). Use "*" to answer any callback.`,
          );
        }
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
    const operations = this.service.getOperations(this.executionArn);
    const names = new Map(operations.map((operation) => [operation.Id, operation.Name]));
    return this.service.findCallbacks(this.executionArn).map((callback) => ({
      callbackId: callback.callbackId,
      operationId: callback.operationId,
      name:
        callback.name ??
        (callback.parentId === undefined ? undefined : names.get(callback.parentId)),
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

  /** Whether anything ahead can invoke the execution again: a wait, retry, timeout or answer. */
  private hasProgressAhead(): boolean {
    if (this.scheduled.length > 0) return true;
    return this.service
      .pendingWork(this.executionArn)
      .some(
        (work) =>
          work.kind !== "callback" ||
          work.timeoutAt !== undefined ||
          work.heartbeatDeadline !== undefined,
      );
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

  /**
   * Declared answers whose name matched no callback of the run: most likely a typo, which would
   * otherwise let a test pass for the wrong reason.
   */
  unmatchedAnswers(): string[] {
    const names = new Set(this.callbacks().map((callback) => callback.name));
    return [...new Set(this.answers.map((answer) => answer.name))].filter(
      (name) => name !== "*" && !names.has(name),
    );
  }

  /** Schedules the declared answers of callbacks seen for the first time. */
  private trackCallbacks(): void {
    if (this.answers.length === 0) return;
    for (const callback of this.callbacks()) {
      if (this.seenCallbacks.has(callback.callbackId)) continue;
      this.seenCallbacks.add(callback.callbackId);
      for (const answer of this.answers) {
        if (answer.name !== "*" && answer.name !== callback.name) continue;
        if ("never" in answer) break;
        const delay = durationMs(answer.after, `callbacks answer "${answer.name}" after`);
        this.scheduled.push({
          at: callback.startedAt.getTime() + delay,
          callbackId: callback.callbackId,
          answer,
        });
      }
    }
    this.scheduled.sort((a, b) => a.at - b.at);
  }

  /** Sends every declared answer due by now; true if any was sent. */
  private applyDueAnswers(): boolean {
    const now = this.clock.now().getTime();
    let applied = false;
    while (this.scheduled.length > 0 && this.scheduled[0]!.at <= now) {
      const { callbackId, answer } = this.scheduled.shift()!;
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
    const index = this.invocations.length + 1;
    const start = this.clock.now();
    let crashed: string | undefined;
    let signalCrash!: (reason: string) => void;
    const crash = new Promise<string>((resolve) => {
      signalCrash = resolve;
    });
    let checkpoints = 0;
    const scope: InvocationScope = {
      logs: this.logs,
      perturb: this.options.perturbReplays === true && (!isRoot || index > 1),
      crash: (reason) => {
        crashed ??= reason;
        signalCrash(crashed);
      },
    };
    const neverAnswer = () => new Promise<never>(() => {});
    const client = {
      checkpoint: async (req: Parameters<DurableExecutionService["checkpoint"]>[0]) => {
        if (crashed !== undefined) return neverAnswer();
        this.checkpointCount += 1;
        checkpoints += 1;
        const number = this.checkpointCount;
        const crashPoint =
          this.options.crash?.atCheckpoint === number ? this.options.crash : undefined;
        if (crashPoint?.when === "before-apply") {
          scope.crash(`crashed before checkpoint ${number} was applied`);
          return neverAnswer();
        }
        const fault = this.takeFault(number);
        if (fault === "throttling") throw new TooManyRequestsError("Rate exceeded");
        if (fault === "server-error") throw new InternalServiceError("Internal service error");
        if (fault === "network-error") throw networkError();
        const response = this.service.checkpoint(
          fault === "stale-token"
            ? { ...req, CheckpointToken: `${req.CheckpointToken}-stale` }
            : req,
        );
        if (fault === "lost-response") throw networkError();
        if (crashPoint?.when === "after-apply") {
          scope.crash(`crashed after checkpoint ${number} was applied`);
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
    const event = { ...request.event, durableExecutionClient: client };
    const lambdaContext = {
      awsRequestId: request.requestId,
      functionName,
      getRemainingTimeInMillis: () => 900_000,
    };
    const settled = await runInInvocation(scope, () =>
      Promise.race([
        Promise.resolve()
          .then(() => handler(event, lambdaContext))
          .then(
            (output) => ({ kind: "returned" as const, output }),
            (error: unknown) => ({ kind: "threw" as const, error }),
          ),
        crash.then((reason) => ({ kind: "crashed" as const, reason })),
      ]),
    );

    const record: InvocationRecord = {
      index,
      requestId: request.requestId,
      start,
      end: this.clock.now(),
      outcome: "CRASHED",
      checkpoints,
    };
    if (settled.kind === "returned") {
      const status = (settled.output as { Status?: unknown } | undefined)?.Status;
      record.outcome =
        status === "SUCCEEDED" || status === "FAILED" || status === "PENDING" ? status : "THREW";
      this.service.endInvocation(executionArn, request.requestId, {
        kind: "returned",
        output: settled.output,
      });
    } else {
      const error: ErrorObject =
        settled.kind === "crashed"
          ? { ErrorType: "Runtime.ExitError", ErrorMessage: `Runtime exited: ${settled.reason}` }
          : errorObjectOf(settled.error);
      record.outcome = settled.kind === "crashed" ? "CRASHED" : "THREW";
      record.error = error;
      this.service.endInvocation(executionArn, request.requestId, { kind: "threw", error });
    }
    if (isRoot) this.invocations.push(record);
  }

  /** A plain (not durable) function called by `context.invoke`. */
  private async callFunction(
    call: ReturnType<DurableExecutionService["pendingFunctionInvocations"]>[number],
  ) {
    const handler = this.handlers.get(call.functionName);
    this.service.beginFunctionInvocation(call.invocationId);
    if (handler === undefined) {
      this.service.endFunctionInvocation(call.invocationId, {
        kind: "threw",
        error: {
          ErrorType: "ResourceNotFoundException",
          ErrorMessage: `No handler for ${call.functionName}`,
        },
      });
      return;
    }
    try {
      const input = call.payload === undefined ? undefined : JSON.parse(call.payload);
      const output = await handler(input, {
        awsRequestId: call.invocationId,
        functionName: call.functionName,
      });
      this.service.endFunctionInvocation(call.invocationId, {
        kind: "returned",
        result: output === undefined ? undefined : JSON.stringify(output),
      });
    } catch (error) {
      this.service.endFunctionInvocation(call.invocationId, {
        kind: "threw",
        error: errorObjectOf(error),
      });
    }
  }

  private takeFault(checkpoint: number) {
    const index = this.faults.findIndex((fault) => fault.atCheckpoint === checkpoint);
    if (index < 0) return undefined;
    return this.faults.splice(index, 1)[0]!.kind;
  }
}

function functionNameOf(functionArn: string | undefined): string {
  const match = /:function:([^:]+)/.exec(functionArn ?? "");
  return match?.[1] ?? functionArn ?? "";
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

function errorObjectOf(error: unknown): ErrorObject {
  if (error instanceof Error) return { ErrorType: error.name, ErrorMessage: error.message };
  return { ErrorType: "Error", ErrorMessage: String(error) };
}
