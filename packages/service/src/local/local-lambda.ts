import { randomUUID } from "node:crypto";
import { join, resolve } from "node:path";
import type { FunctionConfiguration } from "@aws-sdk/client-lambda";
import { LocalClock } from "../clock.js";
import { InvalidRequestContentError, ServiceError } from "../errors.js";
import { FUNCTION_VERSION } from "../ids.js";
import { DurableExecutionService } from "../service.js";
import type { FunctionInvocation } from "../types.js";
import { errorObject, FunctionRunner } from "./function-runner.js";
import {
  type CreateFunctionInput,
  FunctionStore,
  type ResolvedFunction,
  splitName,
} from "./function-store.js";
import { readStateFile, STATE_FILE_FORMAT, type StateFile, writeJsonAtomic } from "./state-file.js";

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
 * Invariants: after `close()` nothing is invoked, written or scheduled; every change made through
 * a public method is on disk before the method returns; the driver runs at most one invocation
 * per execution at a time (the service refuses a second), and any number of executions at once.
 */
export class LocalLambda {
  readonly clock: LocalClock;
  readonly service: DurableExecutionService;
  readonly functions: FunctionStore;
  readonly dataDir: string;
  private readonly runner: FunctionRunner;
  private readonly statePath: string;
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
    this.statePath = join(this.dataDir, "state.json");
    this.skipIdle = options.skipIdle === true;
    this.log = options.log ?? (() => {});
    const saved = readStateFile(this.statePath);
    this.clock = new LocalClock({
      ...(options.speed === undefined ? {} : { speed: options.speed }),
      ...(saved === undefined ? {} : { start: new Date(saved.clockTime) }),
    });
    this.service = new DurableExecutionService({
      clock: this.clock,
      region: REGION,
      accountId: ACCOUNT_ID,
    });
    this.functions = new FunctionStore(join(this.dataDir, "code"), REGION, ACCOUNT_ID);
    if (saved !== undefined) {
      this.functions.load(saved.functions);
      this.service.importState(saved.service);
    }
    this.runner = new FunctionRunner(
      (fn) => this.functions.codeDir(fn.settings.code),
      randomUUID(),
    );
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
    this.persist();
    this.kick();
  }

  /** Stops the driver and restores the environment; the state on disk stays as it is. */
  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    for (const [key, value] of this.savedEnv) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    this.savedEnv.clear();
    for (const resolvers of this.waiters.values()) for (const wake of resolvers) wake();
    this.waiters.clear();
  }

  /** Runs a change, writes the state, and lets the driver react to it. */
  change<T>(action: () => T): T {
    const result = action();
    this.persist();
    this.kick();
    return result;
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
    if (text !== undefined) {
      try {
        JSON.parse(text);
      } catch (error) {
        throw new InvalidRequestContentError(
          `Could not parse request body into json: ${(error as Error).message}`,
          { cause: error },
        );
      }
    }
    const executedVersion = fn.version;
    if (type === "DryRun") return { statusCode: 204, executedVersion, payload: "" };
    if (fn.settings.durableConfig === undefined) return this.invokePlain(fn, text, type);

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

  /** DeleteFunction: running executions of a deleted function are stopped. */
  deleteFunction(name: string, qualifier: string | undefined): void {
    this.change(() => {
      const record = this.functions.record(name);
      this.functions.delete(name, qualifier);
      if (qualifier !== undefined && qualifier !== FUNCTION_VERSION) return;
      const { DurableExecutions = [] } = this.service.listExecutionsByFunction({
        FunctionName: record.name,
        Statuses: ["RUNNING"],
        MaxItems: 1000,
      });
      for (const execution of DurableExecutions) {
        this.service.stopExecution({
          DurableExecutionArn: execution.DurableExecutionArn,
          Error: {
            ErrorType: "FunctionDeleted",
            ErrorMessage: `Function ${record.name} was deleted while this execution was running.`,
          },
        });
      }
    });
  }

  private async invokePlain(
    fn: ResolvedFunction,
    payload: string | undefined,
    type: string,
  ): Promise<InvokeResult> {
    const run = this.runner.run(fn, payload === undefined ? {} : JSON.parse(payload), randomUUID());
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

  /** Writes the whole state atomically; a failure is logged, never thrown into a request. */
  persist(): void {
    if (this.closed) return;
    const state: StateFile = {
      format: STATE_FILE_FORMAT,
      clockTime: this.clock.now().toISOString(),
      functions: this.functions.records(),
      service: this.service.exportState(),
    };
    try {
      writeJsonAtomic(this.statePath, state);
    } catch (error) {
      this.log(`could not write ${this.statePath}: ${(error as Error).message}`);
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
    const due = this.service.nextTimerAt();
    if (due !== undefined && due.getTime() <= this.clock.now().getTime()) {
      this.service.fireDueTimers();
      this.persist();
    }
    for (const arn of this.service.runnableExecutions()) this.track(this.invokeExecution(arn));
    for (const call of this.service.pendingFunctionInvocations())
      this.track(this.callFunction(call));
    this.wakeWaiters();
    clearTimeout(this.timer);
    this.timer = undefined;
    const next = this.service.nextTimerAt();
    if (next === undefined) return;
    if (this.skipIdle && this.busy === 0) {
      this.clock.skipTo(next);
      this.kick();
      return;
    }
    const delay = Math.min(Math.ceil(this.clock.realMsUntil(next)), MAX_TIMEOUT_MS);
    this.timer = setTimeout(() => this.kick(), delay);
    this.timer.unref();
  }

  private track(work: Promise<void>): void {
    this.busy += 1;
    void work.finally(() => {
      this.busy -= 1;
      this.kick();
    });
  }

  private async invokeExecution(arn: string): Promise<void> {
    const execution = this.service.getExecution({
      DurableExecutionArn: arn,
      IncludeExecutionData: false,
    });
    let fn: ResolvedFunction | undefined;
    let missing: string | undefined;
    try {
      fn = this.functions.resolve(splitName(execution.FunctionArn!).name, execution.Version);
    } catch (error) {
      missing = (error as Error).message;
    }
    const { requestId, event } = this.service.beginInvocation(arn);
    this.persist();
    const outcome =
      fn === undefined
        ? {
            kind: "threw" as const,
            error: { ErrorType: "ResourceNotFoundException", ErrorMessage: missing },
          }
        : await this.runner.run(fn, JSON.parse(JSON.stringify(event)), requestId);
    if (this.closed) return;
    try {
      this.change(() =>
        this.service.endInvocation(
          arn,
          requestId,
          outcome.kind === "returned"
            ? { kind: "returned", output: outcome.value }
            : { kind: "threw", error: outcome.error },
        ),
      );
    } catch (error) {
      this.log(`could not end invocation ${requestId} of ${arn}: ${(error as Error).message}`);
    }
    if (outcome.kind === "threw") {
      this.log(
        `invocation of ${arn} failed: ${outcome.error.ErrorType}: ${outcome.error.ErrorMessage}`,
      );
    }
  }

  private async callFunction(call: FunctionInvocation): Promise<void> {
    this.service.beginFunctionInvocation(call.invocationId);
    let outcome: Awaited<ReturnType<FunctionRunner["run"]>>;
    try {
      const fn = this.functions.resolve(call.functionName);
      outcome = await this.runner.run(
        fn,
        call.payload === undefined ? {} : JSON.parse(call.payload),
        call.invocationId,
      );
    } catch (error) {
      outcome = { kind: "threw", error: errorObject(error, "ResourceNotFoundException") };
    }
    if (this.closed) return;
    try {
      this.change(() =>
        this.service.endFunctionInvocation(
          call.invocationId,
          outcome.kind === "returned"
            ? {
                kind: "returned",
                result: outcome.value === undefined ? undefined : JSON.stringify(outcome.value),
              }
            : { kind: "threw", error: outcome.error },
        ),
      );
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      this.log(`could not end function call ${call.invocationId}: ${error.message}`);
    }
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
