import { randomUUID } from "node:crypto";
import { join, resolve } from "node:path";
import type { FunctionConfiguration } from "@aws-sdk/client-lambda";
import {
  type ChainedInvokeTarget,
  DurableExecutionService,
  ExecutionDriver,
  FUNCTION_VERSION,
  type FunctionInvocation,
  type FunctionInvocationOutcome,
  InvalidParameterValueError,
  InvalidRequestContentError,
  type InvocationOutcome,
  type InvocationRequest,
} from "@durable-examples/service";
import { errorObject, FunctionRunner } from "./function-runner.js";
import {
  type CreateFunctionInput,
  FunctionStore,
  type ResolvedFunction,
  splitName,
} from "./function-store.js";
import { LocalClock } from "./local-clock.js";
import { LocalStore } from "./local-store.js";

const REGION = "us-east-1";
const ACCOUNT_ID = "123456789012";
/** setTimeout's largest delay; a later timer is simply re-armed when this one fires. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * How to build a {@link LocalLambda}.
 *
 * @example
 * const lambda = new LocalLambda({ dataDir: ".durable-local", speed: 60 });
 */
export interface LocalLambdaOptions {
  /** Where code and state are kept; state is reloaded from here. Default `.durable-local`. */
  dataDir?: string;
  /** Clock time per real time: 60 makes a minute pass every second. Default 1. */
  speed?: number;
  /** Jump the clock straight to the next timer whenever nothing is running. */
  skipIdle?: boolean;
  /** Where diagnostic lines go (invocations that fail, state writes that fail). */
  log?: (line: string) => void;
  /** What one deployed package may unpack to. Default Lambda's 250 MB. */
  maxUnzippedBytes?: number;
  /** Published versions one function may keep. Default 100. */
  maxVersions?: number;
}

/** An Invoke's answer, before HTTP. */
export interface InvokeResult {
  statusCode: number;
  executedVersion: string;
  durableExecutionArn?: string;
  functionError?: string;
  payload: string;
}

/**
 * A local Lambda: the durable execution service, the deployed functions, and the driver that
 * runs them on a real (or faster) clock, with every change written to the data directory.
 *
 * Invariants: after `close()` nothing is invoked, written or scheduled, and the data directory is
 * unlocked; every change made through a public method is written to the data directory before
 * the method returns, and flushed before the HTTP front answers (`flush`); the driver runs at
 * most one invocation per execution at a time (the service refuses a second), and any number of
 * executions at once.
 */
export class LocalLambda {
  readonly clock: LocalClock;
  readonly service: DurableExecutionService;
  readonly functions: FunctionStore;
  readonly dataDir: string;
  private readonly runner: FunctionRunner;
  private readonly driver: ExecutionDriver;
  private readonly store: LocalStore;
  /** Whether the clock jumps to the next timer whenever nothing runs (--skip-idle). */
  readonly skipIdle: boolean;
  private readonly log: (line: string) => void;
  private readonly waiters = new Map<string, (() => void)[]>();
  private readonly savedEnv = new Map<string, string | undefined>();
  private busy = 0;
  private kickScheduled = false;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(options: LocalLambdaOptions = {}) {
    this.dataDir = resolve(options.dataDir ?? ".durable-local");
    this.skipIdle = options.skipIdle === true;
    this.log = options.log ?? (() => {});
    this.store = LocalStore.open(this.dataDir);
    try {
      const saved = this.store.load();
      this.clock = new LocalClock({
        ...(options.speed === undefined ? {} : { speed: options.speed }),
        ...(saved.clockTime === undefined ? {} : { start: new Date(saved.clockTime) }),
      });
      this.service = new DurableExecutionService({
        clock: this.clock,
        region: REGION,
        accountId: ACCOUNT_ID,
        journal: true,
        resolveInvokeVersion: (target) => this.invokeVersion(target),
      });
      this.functions = new FunctionStore(join(this.dataDir, "code"), REGION, ACCOUNT_ID, {
        ...(options.maxUnzippedBytes === undefined
          ? {}
          : { maxUnzippedBytes: options.maxUnzippedBytes }),
        ...(options.maxVersions === undefined ? {} : { maxVersions: options.maxVersions }),
      });
      this.functions.load(saved.functions);
      if (saved.service !== undefined) {
        this.service.importState(saved.service, { journaled: saved.journaled });
      }
      // The function store is the record of what is deployed; the service follows it.
      for (const record of this.functions.records()) this.registerInService(record.name);
    } catch (error) {
      this.store.close();
      throw error;
    }
    this.runner = new FunctionRunner(
      (fn) => this.functions.codeDir(fn.settings.code),
      randomUUID(),
    );
    this.driver = new ExecutionDriver(this.service);
  }

  /**
   * Points deployed functions at `endpoint` (through `AWS_ENDPOINT_URL_LAMBDA`, with dummy
   * credentials and region) and starts the driver. The environment is restored by `close()`.
   */
  start(endpoint: string): void {
    const env: Record<string, string> = {
      AWS_ENDPOINT_URL_LAMBDA: endpoint,
      AWS_ACCESS_KEY_ID: "local",
      AWS_SECRET_ACCESS_KEY: "local",
      AWS_REGION: REGION,
    };
    for (const [key, value] of Object.entries(env)) {
      if (!this.savedEnv.has(key)) this.savedEnv.set(key, process.env[key]);
      process.env[key] = value;
    }
    this.store.serving(endpoint);
    this.persist();
    this.kick();
  }

  /** Stops the driver, restores the environment and unlocks the data directory. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.store.close();
    clearTimeout(this.timer);
    for (const [key, value] of this.savedEnv) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    this.savedEnv.clear();
    for (const resolvers of this.waiters.values()) for (const wake of resolvers) wake();
    this.waiters.clear();
  }

  /**
   * Runs a change, writes it to the data directory (a failure to write fails the change), and
   * lets the driver react to it.
   */
  change<T>(action: () => T): T {
    const result = action();
    this.persist();
    this.kick();
    return result;
  }

  /**
   * Flushes everything written to the data directory: the HTTP front calls it before every
   * answer, so that what an answer reflects survives a power cut. Cheap when nothing is pending.
   *
   * @throws Error when the disk refuses: the answer must not be sent.
   */
  flush(): void {
    if (!this.closed) this.store.flush();
  }

  createFunction(input: CreateFunctionInput): FunctionConfiguration {
    return this.change(() => {
      const configuration = this.functions.create(input);
      this.registerInService(configuration.FunctionName!);
      return configuration;
    });
  }

  updateFunctionConfiguration(name: string, input: CreateFunctionInput): FunctionConfiguration {
    return this.change(() => {
      const configuration = this.functions.updateConfiguration(name, input);
      this.registerInService(configuration.FunctionName!);
      return configuration;
    });
  }

  /**
   * Invoke (protocol.md §8). A durable function starts (or finds, by name and payload) an
   * execution on the resolved version; `RequestResponse` waits for it to end. A plain function
   * runs once.
   */
  async invoke(
    functionName: string,
    request: {
      qualifier?: string;
      invocationType?: string;
      executionName?: string;
      payload: Buffer;
    },
  ): Promise<InvokeResult> {
    const type = request.invocationType ?? "RequestResponse";
    if (!["RequestResponse", "Event", "DryRun"].includes(type)) {
      throw new InvalidRequestContentError(
        `X-Amz-Invocation-Type must be RequestResponse, Event or DryRun, got "${type}".`,
      );
    }
    const fn = this.functions.resolve(functionName, request.qualifier);
    const text = request.payload.length === 0 ? undefined : request.payload.toString("utf8");
    let event: unknown = {};
    if (text !== undefined) {
      try {
        event = JSON.parse(text);
      } catch (error) {
        throw new InvalidRequestContentError(
          `Could not parse request body into json: ${(error as Error).message}`,
          { cause: error },
        );
      }
    }
    const executedVersion = fn.version;
    if (type === "DryRun") return { statusCode: 204, executedVersion, payload: "" };
    if (fn.settings.durableConfig === undefined) return this.invokePlain(fn, event, type);

    const { durableExecutionArn } = this.change(() =>
      this.service.startExecution({
        functionName: fn.record.name,
        ...(text === undefined ? {} : { input: text }),
        ...(request.executionName === undefined ? {} : { executionName: request.executionName }),
        ...(fn.version === FUNCTION_VERSION ? {} : { version: fn.version }),
      }),
    );
    if (type === "Event") {
      return { statusCode: 202, executedVersion, durableExecutionArn, payload: "" };
    }
    await this.ended(durableExecutionArn);
    const execution = this.service.getExecution({ DurableExecutionArn: durableExecutionArn });
    if (execution.Status === "SUCCEEDED") {
      return {
        statusCode: 200,
        executedVersion,
        durableExecutionArn,
        payload: execution.Result ?? "",
      };
    }
    return {
      statusCode: 200,
      executedVersion,
      durableExecutionArn,
      functionError: "Unhandled",
      payload: JSON.stringify({
        errorType: execution.Error?.ErrorType ?? `Execution.${execution.Status}`,
        errorMessage:
          execution.Error?.ErrorMessage ??
          `The durable execution ended with status ${execution.Status}.`,
      }),
    };
  }

  /** Resolves once the execution has ended (or the server closed). */
  ended(arn: string): Promise<void> {
    return new Promise((wake) => {
      if (
        this.closed ||
        this.service.getExecution({ DurableExecutionArn: arn }).Status !== "RUNNING"
      ) {
        wake();
        return;
      }
      const list = this.waiters.get(arn) ?? [];
      list.push(wake);
      this.waiters.set(arn, list);
    });
  }

  /**
   * DeleteFunction: the whole function, or one version (`name:2` or the qualifier). Running
   * executions of what was deleted are stopped, as they could never be invoked again.
   */
  deleteFunction(name: string, qualifier: string | undefined): void {
    this.change(() => {
      const record = this.functions.record(name);
      const version = this.functions.delete(name, qualifier);
      const { DurableExecutions = [] } = this.service.listExecutionsByFunction({
        FunctionName: record.name,
        ...(version === undefined ? {} : { Qualifier: version }),
        Statuses: ["RUNNING"],
        MaxItems: 1000,
      });
      const deleted = version === undefined ? record.name : `${record.name}:${version}`;
      for (const execution of DurableExecutions) {
        this.service.stopExecution({
          DurableExecutionArn: execution.DurableExecutionArn,
          Error: {
            ErrorType: "FunctionDeleted",
            ErrorMessage: `Function ${deleted} was deleted while this execution was running.`,
          },
        });
      }
    });
  }

  /**
   * The version a CHAINED_INVOKE target runs: what its qualifier names now. A durable target
   * must be qualified, as in Lambda, so that its execution keeps running the code it started on.
   */
  private invokeVersion(target: ChainedInvokeTarget): string {
    const { functionName: name, qualifier } = target;
    if (target.durable && qualifier === undefined) {
      throw new InvalidParameterValueError(
        `${name} is a durable function, and a durable function can only be invoked by a qualified name: a version or an alias (${name}:1, ${name}:live, or ${name}:$LATEST).`,
      );
    }
    return this.functions.resolve(name, qualifier).version;
  }

  private async invokePlain(
    fn: ResolvedFunction,
    event: unknown,
    type: string,
  ): Promise<InvokeResult> {
    const run = this.runner.run(fn, event, randomUUID());
    if (type === "Event") {
      void run.then((outcome) => {
        if (outcome.kind === "threw")
          this.log(`${fn.record.name} failed: ${outcome.error.ErrorMessage}`);
      });
      return { statusCode: 202, executedVersion: fn.version, payload: "" };
    }
    const outcome = await run;
    if (outcome.kind === "returned") {
      return {
        statusCode: 200,
        executedVersion: fn.version,
        payload: JSON.stringify(outcome.value ?? null),
      };
    }
    return {
      statusCode: 200,
      executedVersion: fn.version,
      functionError: "Unhandled",
      payload: JSON.stringify({
        errorType: outcome.error.ErrorType,
        errorMessage: outcome.error.ErrorMessage,
        trace: [],
      }),
    };
  }

  private registerInService(name: string): void {
    const latest = this.functions.record(name).latest;
    const durable = latest.durableConfig;
    this.service.registerFunction(name, {
      durable: durable !== undefined,
      ...(durable?.ExecutionTimeout === undefined
        ? {}
        : { executionTimeoutSeconds: durable.ExecutionTimeout }),
      ...(durable?.RetentionPeriodInDays === undefined
        ? {}
        : { retentionPeriodInDays: durable.RetentionPeriodInDays }),
    });
  }

  /**
   * Writes what changed to the data directory; `flush` makes it survive a power cut (see
   * LocalStore).
   *
   * @throws Error when the disk refuses the write: the change must not be acknowledged.
   */
  persist(): void {
    if (this.closed) return;
    this.store.save(this.service, this.functions.records(), this.clock.now());
  }

  /** Persists outside a request, where nobody can be told: the failure is logged. */
  private persistOrLog(): void {
    try {
      this.persist();
    } catch (error) {
      this.log(`could not write to ${this.dataDir}: ${(error as Error).message}`);
    }
  }

  /** Asks the driver to look for work on the next turn of the event loop. */
  kick(): void {
    if (this.closed || this.kickScheduled) return;
    this.kickScheduled = true;
    setImmediate(() => {
      this.kickScheduled = false;
      this.drive();
    });
  }

  /**
   * One pass of the driver: fire due timers, start every runnable invocation and plain function
   * call, wake waiting Invokes, then arm a timer for the next due time (or, with skip-idle and
   * nothing running, jump the clock to it).
   */
  private drive(): void {
    if (this.closed) return;
    const { executions, functionCalls, nextTimerAt } = this.driver.advance();
    this.persistOrLog();
    for (const arn of executions) {
      const run = this.driver.runInvocation(arn, (request) => this.runInvocation(request));
      this.track(run, `end an invocation of ${arn}`);
    }
    for (const call of functionCalls) {
      const run = this.driver.runFunctionCall(call, (it) => this.callFunction(it));
      this.track(run, `end function call ${call.invocationId}`);
    }
    this.wakeWaiters();
    clearTimeout(this.timer);
    this.timer = undefined;
    if (nextTimerAt === undefined) return;
    if (this.skipIdle && this.busy === 0) {
      this.clock.skipTo(nextTimerAt);
      this.kick();
      return;
    }
    const delay = Math.min(Math.ceil(this.clock.realMsUntil(nextTimerAt)), MAX_TIMEOUT_MS);
    this.timer = setTimeout(() => this.kick(), delay);
    this.timer.unref();
  }

  /** Counts work in flight; when it ends, its changes are written and the driver looks again. */
  private track(work: Promise<unknown>, what: string): void {
    this.busy += 1;
    void work
      .catch((error: unknown) => {
        // The execution may have been stopped or deleted meanwhile: nothing is left to end.
        if (!this.closed) this.log(`could not ${what}: ${(error as Error).message}`);
      })
      .finally(() => {
        this.busy -= 1;
        this.persistOrLog();
        this.kick();
      });
  }

  /** Runs one invocation of an execution's function, on the version the execution started on. */
  private async runInvocation(request: InvocationRequest): Promise<InvocationOutcome> {
    // The invocation has begun: on disk first, so a restart knows it crashed.
    this.persistOrLog();
    const { executionArn: arn, requestId, event } = request;
    const execution = this.service.getExecution({
      DurableExecutionArn: arn,
      IncludeExecutionData: false,
    });
    let fn: ResolvedFunction;
    try {
      fn = this.functions.resolve(splitName(execution.FunctionArn!).name, execution.Version);
    } catch (error) {
      return { kind: "threw", error: errorObject(error, "ResourceNotFoundException") };
    }
    const outcome = await this.runner.run(fn, JSON.parse(JSON.stringify(event)), requestId);
    if (outcome.kind === "returned") return { kind: "returned", output: outcome.value };
    this.log(
      `invocation of ${arn} failed: ${outcome.error.ErrorType}: ${outcome.error.ErrorMessage}`,
    );
    return { kind: "threw", error: outcome.error };
  }

  /** Runs a plain function an execution called with `context.invoke`. */
  private async callFunction(call: FunctionInvocation): Promise<FunctionInvocationOutcome> {
    let fn: ResolvedFunction;
    try {
      fn = this.functions.resolve(call.functionName, call.version);
    } catch (error) {
      return { kind: "threw", error: errorObject(error, "ResourceNotFoundException") };
    }
    const payload = call.payload === undefined ? {} : JSON.parse(call.payload);
    const outcome = await this.runner.run(fn, payload, call.invocationId);
    if (outcome.kind === "threw") return outcome;
    return {
      kind: "returned",
      result: outcome.value === undefined ? undefined : JSON.stringify(outcome.value),
    };
  }

  private wakeWaiters(): void {
    for (const [arn, resolvers] of this.waiters) {
      let running: boolean;
      try {
        running = this.service.getExecution({ DurableExecutionArn: arn }).Status === "RUNNING";
      } catch {
        running = false;
      }
      if (running) continue;
      this.waiters.delete(arn);
      for (const wake of resolvers) wake();
    }
  }
}
