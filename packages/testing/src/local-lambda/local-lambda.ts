import { performance } from "node:perf_hooks";
import { LambdaClient } from "@aws-sdk/client-lambda";
import {
  DurableExecutionService,
  FUNCTION_VERSION,
  InvalidParameterValueError,
  VirtualClock,
} from "@durable-examples/service";
import { type Duration, durationMs } from "../callbacks.js";
import {
  ExecutionStuckError,
  HarnessError,
  InvocationTimeoutError,
  requirePositiveOptions,
  TooManyInvocationsError,
} from "../errors.js";
import { DEFAULT_INVOCATION_TIME_LIMIT_MS, endsByItself } from "../harness-run.js";
import {
  type InvocationScope,
  invocationOutcomeOf,
  settleHandler,
  withPatchedGlobals,
} from "../invocation-scope.js";
import { DurableExecutionInvocationInputWithClient } from "../runtimes.js";
import type { LambdaHandler } from "../types.js";
import { type InvokeReply, type InvokeRequest, LambdaApiHandler } from "./lambda-api.js";
import { resolveQualifier } from "./qualifiers.js";

/** A durable function of a {@link LocalLambda}: its handler and the aliases it can be invoked by. */
export interface LocalFunction {
  handler: LambdaHandler;
  /** Aliases of the function, each pointing at version 1, its one published version. */
  aliases?: string[];
}

/** Options of {@link localLambda}. */
export interface LocalLambdaOptions {
  /** Durable functions by name: a handler, or `{ handler, aliases }`. More with `register`. */
  functions?: Record<string, LambdaHandler | LocalFunction>;
  /** Each execution's timeout (default one year, so long waits fit). */
  executionTimeoutSeconds?: number;
  /** Fail after this many invocations over all executions (default 10,000). */
  maxInvocations?: number;
  /** Real time one invocation may take before it fails the run (default 20,000 ms). */
  invocationTimeLimitMs?: number;
}

type Handler = (event: unknown, context: unknown) => Promise<unknown>;

const REGION = "us-east-1";
const ID_SEED = "durable-examples/local-lambda";
const ONE_YEAR_SECONDS = 366 * 86_400;
const DEFAULT_MAX_INVOCATIONS = 10_000;
/** A synchronous invoke of a durable function waits at most this long (Lambda's limit). */
const SYNC_INVOKE_LIMIT_MS = 15 * 60_000;
const INVOCATION_TYPES = ["RequestResponse", "Event", "DryRun"];

/**
 * The Lambda API in process, for tests of code that starts durable executions itself: a trigger
 * that invokes a function, a function that starts the next execution of itself. `client` is a
 * real `LambdaClient`; its calls reach an in-memory durable execution service on a virtual clock,
 * which runs the registered handlers as Lambda would. Executions started with `Event` run when
 * the test asks (`runUntilIdle`, `advance`, `runAll`); a `RequestResponse` invoke runs its
 * execution to the end before it answers, as Lambda's does.
 *
 * Invariants: at most one invocation is in flight; time moves only inside `advance`, `runAll`
 * and a synchronous invoke, and only when nothing can run; a crashed invocation is never heard
 * from again.
 */
export class LocalLambda {
  /** A `LambdaClient` whose every call is served in process. */
  readonly client: LambdaClient;
  /** The virtual clock every execution runs on. */
  readonly clock = new VirtualClock();
  /** Log records the handlers wrote. */
  readonly logs: Record<string, unknown>[] = [];
  /** The service behind the API, for what the API does not show (every operation of an execution). */
  readonly service = new DurableExecutionService({ clock: this.clock, idSeed: ID_SEED });
  private readonly handlers = new Map<string, { handler: Handler; aliases: Set<string> }>();
  private readonly options: LocalLambdaOptions;
  private invocationCount = 0;
  private inFlight: string | undefined;

  constructor(options: LocalLambdaOptions = {}) {
    requirePositiveOptions("localLambda", options, [
      "executionTimeoutSeconds",
      "maxInvocations",
      "invocationTimeLimitMs",
    ]);
    this.options = options;
    for (const [name, fn] of Object.entries(options.functions ?? {})) this.register(name, fn);
    this.client = new LambdaClient({
      region: REGION,
      endpoint: "https://lambda.local.invalid",
      credentials: { accessKeyId: "local-lambda", secretAccessKey: "local-lambda" },
      // A retry would send the same Invoke again; the service answers at once, so none is needed.
      maxAttempts: 1,
      requestHandler: new LambdaApiHandler({
        service: this.service,
        invoke: (request) => this.invoke(request),
        versionOf: (functionName, qualifier) =>
          resolveQualifier(this.handlers, functionName, qualifier).version ?? FUNCTION_VERSION,
      }),
    });
  }

  /**
   * Registers a durable function, or replaces its handler: for a handler that needs `client`.
   *
   * @example
   * lambda.register("daily-report", { handler: createHandler(lambda.client), aliases: ["live"] });
   */
  register(name: string, fn: LambdaHandler | LocalFunction): void {
    const { handler, aliases = [] } = typeof fn === "function" ? { handler: fn } : (fn ?? {});
    if (typeof handler !== "function") {
      throw new HarnessError(
        `localLambda: function "${name}" must be a handler or { handler, aliases? }, got ${typeof fn}.`,
      );
    }
    this.service.registerFunction(name, {
      executionTimeoutSeconds: this.options.executionTimeoutSeconds ?? ONE_YEAR_SECONDS,
    });
    this.handlers.set(name, { handler: handler as Handler, aliases: new Set(aliases) });
  }

  /** Invokes whatever can run now, until nothing more can happen at this virtual time. */
  runUntilIdle(): Promise<void> {
    return withPatchedGlobals(() => this.drain());
  }

  /** Moves virtual time forward by `duration`, running everything that becomes due. */
  advance(duration: Duration): Promise<void> {
    const target = this.clock.now().getTime() + durationMs(duration, "advance");
    return withPatchedGlobals(() => this.runUntil(() => false, target));
  }

  /**
   * Runs every execution to its end, time jumping to each next timer. Fails, naming what it
   * waits on, if one can never end (a callback nobody answers).
   */
  runAll(): Promise<void> {
    return withPatchedGlobals(() => this.runUntil(() => this.running().length === 0));
  }

  /** ARNs of the executions still running, oldest first. */
  running(): string[] {
    const arns: string[] = [];
    for (const name of this.handlers.keys()) {
      let marker: string | undefined;
      do {
        const page = this.service.listExecutionsByFunction({
          FunctionName: name,
          Statuses: ["RUNNING"],
          ReverseOrder: true,
          MaxItems: 1000,
          ...(marker === undefined ? {} : { Marker: marker }),
        });
        for (const execution of page.DurableExecutions ?? [])
          arns.push(execution.DurableExecutionArn!);
        marker = page.NextMarker;
      } while (marker !== undefined);
    }
    return arns;
  }

  private async drain(): Promise<void> {
    for (;;) {
      const runnable = this.service.runnableExecutions();
      if (runnable.length === 0) return;
      for (const arn of runnable) await this.invokeExecution(arn);
    }
  }

  /** Runs until `done()` or, with `until`, until that virtual time; time jumps to each next timer. */
  private async runUntil(done: () => boolean, until?: number): Promise<void> {
    for (;;) {
      await this.drain();
      if (done()) return;
      const next = this.hasProgressAhead() ? this.service.nextTimerAt()?.getTime() : undefined;
      if (next === undefined || (until !== undefined && next > until)) {
        if (until !== undefined) {
          this.moveClockTo(until);
          await this.drain();
          return;
        }
        throw new ExecutionStuckError(this.stuckMessage());
      }
      this.moveClockTo(next);
    }
  }

  private moveClockTo(time: number): void {
    if (time > this.clock.now().getTime()) this.clock.advanceTo(new Date(time));
    this.service.fireDueTimers();
  }

  /**
   * Whether anything but an execution timeout can invoke an execution again: a callback with
   * neither timeout nor heartbeat waits for an answer only the test can send.
   */
  private hasProgressAhead(): boolean {
    return this.running().some((arn) => this.service.pendingWork(arn).some(endsByItself));
  }

  private stuckMessage(): string {
    const waits = this.running().map((arn) => {
      const work = this.service.pendingWork(arn);
      return `${arn} waits on ${work.length === 0 ? "nothing" : work.map(describeWork).join(", ")}`;
    });
    return `Executions can never finish: nothing is scheduled to invoke them again (${waits.join("; ")}). Answer their callbacks with client.send(new SendDurableExecutionCallbackSuccessCommand(…)), or give them a timeout.`;
  }

  /** Invoke (protocol.md §8): starts an execution, or finds the one started under this name. */
  private async invoke(request: InvokeRequest): Promise<InvokeReply> {
    if (!INVOCATION_TYPES.includes(request.invocationType)) {
      throw new InvalidParameterValueError(
        `InvocationType must be one of ${INVOCATION_TYPES.join(", ")}, got "${request.invocationType}".`,
      );
    }
    const { name, version } = resolveQualifier(
      this.handlers,
      request.functionName,
      request.qualifier,
    );
    if (request.invocationType === "DryRun") return { statusCode: 204 };
    const { durableExecutionArn: arn } = this.service.startExecution({
      functionName: name,
      ...(request.payload === undefined ? {} : { input: request.payload }),
      ...(request.executionName === undefined ? {} : { executionName: request.executionName }),
      ...(version === undefined ? {} : { version }),
    });
    const executedVersion = version ?? FUNCTION_VERSION;
    if (request.invocationType === "Event") {
      return { statusCode: 202, durableExecutionArn: arn };
    }
    if (this.inFlight !== undefined) {
      throw new HarnessError(
        `localLambda: a RequestResponse Invoke of "${name}" from inside the invocation of ${this.inFlight} would wait for an execution that cannot run until that invocation ends. Call it with context.invoke, or with InvocationType "Event".`,
      );
    }
    const deadline = this.clock.now().getTime() + SYNC_INVOKE_LIMIT_MS;
    const isOver = () =>
      this.service.getExecution({ DurableExecutionArn: arn }).Status !== "RUNNING";
    await withPatchedGlobals(() => this.runUntil(isOver, deadline));
    const execution = this.service.getExecution({ DurableExecutionArn: arn });
    if (execution.Status === "RUNNING") {
      // Decision: what Lambda answers past its 15-minute limit is unconfirmed; failing the call
      // says what to change.
      throw new HarnessError(
        `localLambda: the RequestResponse Invoke of "${name}" waited 15 minutes, the most Lambda waits for a durable execution, and ${arn} is still running. Invoke it with InvocationType "Event" and read its outcome with GetDurableExecution.`,
      );
    }
    if (execution.Status === "SUCCEEDED") {
      return {
        statusCode: 200,
        durableExecutionArn: arn,
        executedVersion,
        payload:
          execution.Result === undefined || execution.Result === "" ? "null" : execution.Result,
      };
    }
    // Decision (unconfirmed): a failed execution answers as a failed function does, with
    // FunctionError "Unhandled" and the error as Lambda's {errorType, errorMessage} payload.
    return {
      statusCode: 200,
      durableExecutionArn: arn,
      executedVersion,
      functionError: "Unhandled",
      payload: JSON.stringify({
        errorType: execution.Error?.ErrorType ?? execution.Status,
        errorMessage:
          execution.Error?.ErrorMessage ?? `The durable execution ended ${execution.Status}.`,
      }),
    };
  }

  /** One invocation of an execution, as Lambda makes it (protocol.md §1, §9). */
  private async invokeExecution(arn: string): Promise<void> {
    const maxInvocations = this.options.maxInvocations ?? DEFAULT_MAX_INVOCATIONS;
    if (this.invocationCount >= maxInvocations) {
      throw new TooManyInvocationsError(
        `localLambda gave up after ${maxInvocations} invocations with ${this.running().length} execution(s) still running. Raise maxInvocations if that many are expected.`,
      );
    }
    this.invocationCount += 1;
    const functionName = /:function:([^:]+)/.exec(
      this.service.getExecution({ DurableExecutionArn: arn }).FunctionArn ?? "",
    )?.[1];
    const { handler } = this.handlers.get(functionName ?? "")!;
    const request = this.service.beginInvocation(arn);
    let crashed: string | undefined;
    let signalCrash!: (reason: string) => void;
    const crash = new Promise<string>((resolve) => {
      signalCrash = resolve;
    });
    const scope: InvocationScope = {
      logs: this.logs,
      perturb: false,
      crash: (reason) => {
        crashed ??= reason;
        signalCrash(crashed);
      },
    };
    // A crashed invocation is gone: its calls are never answered.
    const unlessCrashed = <T>(call: () => T): Promise<T> =>
      crashed === undefined ? Promise.resolve().then(call) : new Promise<never>(() => {});
    const client = {
      checkpoint: (req: Parameters<DurableExecutionService["checkpoint"]>[0]) =>
        unlessCrashed(() => this.service.checkpoint(req)),
      getExecutionState: (req: Parameters<DurableExecutionService["getExecutionState"]>[0]) =>
        unlessCrashed(() => this.service.getExecutionState(req)),
    };
    const event = new DurableExecutionInvocationInputWithClient(request.event, client);
    const startedAt = performance.now();
    const lambdaContext = {
      awsRequestId: request.requestId,
      functionName,
      getRemainingTimeInMillis: () =>
        Math.max(0, 900_000 - Math.round(performance.now() - startedAt)),
    };
    const limitMs = this.options.invocationTimeLimitMs ?? DEFAULT_INVOCATION_TIME_LIMIT_MS;
    this.inFlight = arn;
    const settled = await settleHandler(scope, () => handler(event, lambdaContext), crash, limitMs);
    this.inFlight = undefined;
    if (settled.kind === "hung") {
      scope.crash("hung");
      throw new InvocationTimeoutError(
        `An invocation of ${arn} did not finish within ${limitMs} ms of real time: something it awaits never settles. Make it settle, or raise invocationTimeLimitMs.`,
      );
    }
    this.service.endInvocation(arn, request.requestId, invocationOutcomeOf(settled));
  }
}

function describeWork(work: ReturnType<DurableExecutionService["pendingWork"]>[number]): string {
  const name = "name" in work && work.name !== undefined ? ` "${work.name}"` : "";
  return work.kind === "callback" ? `callback${name} ${work.callbackId}` : `${work.kind}${name}`;
}

/**
 * The Lambda API in process: a real `LambdaClient` (`.client`) whose calls reach an in-memory
 * durable execution service on virtual time, running the registered handlers. For tests of code
 * that invokes durable functions: triggers, and functions that start executions themselves.
 *
 * @example
 * const lambda = localLambda({ functions: { "order-flow": handler } });
 * const started = await lambda.client.send(
 *   new InvokeCommand({ FunctionName: "order-flow", InvocationType: "Event", DurableExecutionName: "order-7", Payload: '{"id":7}' }),
 * );
 * await lambda.runAll();
 * const { Status } = await lambda.client.send(
 *   new GetDurableExecutionCommand({ DurableExecutionArn: started.DurableExecutionArn }),
 * );
 */
export function localLambda(options: LocalLambdaOptions = {}): LocalLambda {
  return new LocalLambda(options);
}
