import type {
  ErrorObject,
  Operation,
  OperationType,
  OperationUpdate,
} from "@aws-sdk/client-lambda";
import type { Context } from "aws-lambda";
import {
  applySerdesConfig,
  currentSerdesSettings,
  type LoggerSettings,
  type SerdesSettings,
} from "../configure.js";
import { DurablePromise, never } from "../durable-promise.js";
import {
  ContextUsageError,
  DurableConfigError,
  describeCall,
  NonDeterministicExecutionError,
  requireFunction,
  StepError,
} from "../errors.js";
import { type Invocation, isFatal } from "../execution/invocation.js";
import { createLogger, type LogOrigin } from "../logger.js";
import { runMap, runParallel } from "../operations/batch.js";
import { runCreateCallback, runWaitForCallback } from "../operations/callback.js";
import { runChildContext, runVirtualChildContext } from "../operations/child-context.js";
import { runInvoke } from "../operations/invoke.js";
import { createPromiseCombinators } from "../operations/promise-combinators.js";
import { runStep } from "../operations/step.js";
import { runWait } from "../operations/wait.js";
import { runWaitForCondition } from "../operations/wait-for-condition.js";
import { defaultSerdes, deserializeWith, type SerdesTarget } from "../serdes.js";
import type {
  BatchResult,
  MapConfig,
  MapFunc,
  ParallelBranch,
  ParallelConfig,
} from "../types/batch.js";
import type {
  CallbackSubmitter,
  CreateCallbackConfig,
  WaitForCallbackConfig,
} from "../types/callback.js";
import type { ChildConfig, ChildFunc } from "../types/child-context.js";
import type {
  DurableContext,
  ExecutionContext,
  PromiseCombinators,
} from "../types/durable-context.js";
import type { Duration } from "../types/duration.js";
import type { InvokeConfig } from "../types/invoke.js";
import type { DurableContextLogger, DurableLogger, LoggerConfig } from "../types/logger.js";
import type { Serdes, SerdesConfig } from "../types/serdes.js";
import type { StepConfig, StepFunc } from "../types/step.js";
import type {
  WaitForConditionCheckFunc,
  WaitForConditionConfig,
} from "../types/wait-for-condition.js";
import { wireId } from "./operation-id.js";
import { currentScope } from "./scope.js";

/** An operation's place in the execution, and what the log holds for it. */
export interface OperationHandle extends SerdesTarget {
  /** Position-derived id ("1", "2-1"). */
  stepId: string;
  /** The id on the wire (MD5 of `stepId`, protocol.md §4). */
  id: string;
  name: string | undefined;
  /** The record found at this position, if the operation ran before. */
  record: Operation | undefined;
  /** The fields every update of this operation carries. */
  update: Pick<OperationUpdate, "Id" | "ParentId" | "Name" | "Type" | "SubType">;
}

const NAME_PATTERN = /^[\x20-\x7E]{1,256}$/;

/** How a context treats operations with no finished record. */
export type ContextMode =
  /** Run them: the normal mode, replaying finished records first. */
  | "normal"
  /**
   * The context already succeeded with `ReplayChildren` (its result was too large to store): its
   * body runs again only to rebuild the result from its children's records, and an operation
   * that never finished stays pending forever instead of running (protocol.md §5).
   */
  | "rebuild";

/**
 * The `DurableContext` given to the handler and to each child context's function.
 *
 * Invariants: operation ids are taken in call order from one counter per context; once an
 * operation finds no record at its position the context stays in execution mode, because nothing
 * after it can have been recorded.
 */
export class DurableContextImpl implements DurableContext {
  logger: DurableContextLogger<DurableLogger>;
  readonly executionContext: ExecutionContext;
  readonly promise: PromiseCombinators;
  #counter = 0;
  /** The wire id of the next position, once asked for. */
  #nextWireId: string | undefined;
  #closed = false;
  readonly #children = new Map<number, DurableContextImpl>();
  #replaying: boolean;
  readonly #prefix: string;
  readonly #parent: DurableContextImpl | undefined;
  /** This context's own logger settings; a child starts with its parent's custom logger. */
  readonly #logging: LoggerSettings;
  #serdes: SerdesSettings;

  constructor(
    readonly invocation: Invocation,
    replaying: boolean,
    prefix = "",
    /** The wire id the operations of this context carry as `ParentId`. */
    readonly parentId: string | undefined = undefined,
    readonly mode: ContextMode = "normal",
    parent: DurableContextImpl | undefined = undefined,
  ) {
    this.#replaying = replaying;
    this.#prefix = prefix;
    this.#parent = parent;
    this.executionContext = { durableExecutionArn: invocation.executionArn };
    // As in the official SDK: a child inherits the custom logger and both serdes defaults its
    // parent has when the child starts, but not `modeAware`, which starts at the default again.
    const defaults = invocation.loggerConfig;
    this.#logging = {
      customLogger: parent === undefined ? defaults.customLogger : parent.#logging.customLogger,
      modeAware: defaults.modeAware,
    };
    this.#serdes = parent === undefined ? currentSerdesSettings() : parent.#serdes;
    this.logger = this.#createLogger();
    this.promise = createPromiseCombinators(this);
  }

  configureLogger(config: LoggerConfig): void {
    if (config.customLogger !== undefined) {
      this.#logging.customLogger = config.customLogger;
      this.logger = this.#createLogger();
    }
    if (config.modeAware !== undefined) this.#logging.modeAware = config.modeAware;
  }

  configureSerdes(config: SerdesConfig): void {
    this.#serdes = applySerdesConfig(this.#serdes, config);
  }

  /** What operations of this context use where they name no serdes. */
  get serdesSettings(): SerdesSettings {
    return this.#serdes;
  }

  /** A logger for code of this context's operation (a step body), named after it. */
  operationLogger(
    origin: Omit<LogOrigin, "requestId" | "executionArn">,
  ): DurableContextLogger<DurableLogger> {
    const { customLogger } = this.#logging;
    return createLogger(
      {
        requestId: this.invocation.requestId,
        executionArn: this.invocation.executionArn,
        ...origin,
      },
      { customLogger },
      () => false,
    );
  }

  #createLogger(): DurableContextLogger<DurableLogger> {
    return createLogger(
      { requestId: this.invocation.requestId, executionArn: this.invocation.executionArn },
      this.#logging,
      () => this.#replaying,
    );
  }

  get lambdaContext(): Context {
    // Lambda always passes one; a caller that passes none gets undefined, as documented.
    return this.invocation.lambdaContext as Context;
  }

  /** "root", or the step id of the CONTEXT operation this context belongs to. */
  get contextId(): string {
    return this.#prefix === "" ? "root" : this.#prefix.slice(0, -1);
  }

  get isReplaying(): boolean {
    return this.#replaying;
  }

  /** Cut off by an early-completing batch: nothing this context or its children send is kept. */
  get isClosed(): boolean {
    return this.#closed || (this.#parent?.isClosed ?? false);
  }

  close(): void {
    this.#closed = true;
  }

  /**
   * Queues an update of one of this context's operations. A closed context's updates are dropped
   * and never resolve (protocol.md §5, "Early completion").
   */
  enqueue(update: OperationUpdate): Promise<void> {
    if (this.isClosed) return never();
    return this.invocation.checkpointer.enqueue(update);
  }

  step<T>(
    nameOrFn: string | undefined | StepFunc<T>,
    fnOrConfig?: StepFunc<T> | StepConfig<T>,
    maybeConfig?: StepConfig<T>,
  ): DurablePromise<T> {
    const [name, fn, config] = nameFirst(nameOrFn, fnOrConfig, maybeConfig);
    return this.#withFunction(
      "step",
      fn,
      name,
      "STEP",
      "Step",
      (operation) =>
        replayedOutcome<T>(
          operation,
          operation.record?.StepDetails,
          (config?.serdes ?? this.serdesSettings.defaultSerdes) as Serdes<T>,
          StepError,
        ) ?? runStep(this, operation, fn, config ?? {}),
    );
  }

  wait(
    nameOrDuration: string | undefined | Duration,
    maybeDuration?: Duration,
  ): DurablePromise<void> {
    const [name, duration] =
      typeof nameOrDuration === "object" && nameOrDuration !== null
        ? [undefined, nameOrDuration]
        : [nameOrDuration, maybeDuration as Duration];
    return this.operation(() => runWait(this, name, duration));
  }

  runInChildContext<T>(
    nameOrFn: string | undefined | ChildFunc<T>,
    fnOrConfig?: ChildFunc<T> | ChildConfig<T>,
    maybeConfig?: ChildConfig<T>,
  ): DurablePromise<T> {
    const [name, fn, config] = nameFirst(nameOrFn, fnOrConfig, maybeConfig);
    if (config?.virtualContext === true) {
      return this.operation(() => {
        requireFunction(fn, "runInChildContext", name);
        return runVirtualChildContext(this, fn, config.errorMapper);
      });
    }
    return this.#withFunction(
      "runInChildContext",
      fn,
      name,
      "CONTEXT",
      config?.subType ?? "RunInChildContext",
      (operation) => runChildContext(this, operation, fn, config ?? {}),
    );
  }

  createCallback<T = string>(
    nameOrConfig?: string | CreateCallbackConfig<T>,
    maybeConfig?: CreateCallbackConfig<T>,
  ): DurablePromise<[DurablePromise<T>, string]> {
    const [name, config] =
      typeof nameOrConfig === "object" ? [undefined, nameOrConfig] : [nameOrConfig, maybeConfig];
    return this.operation(() => runCreateCallback<T>(this, name, config ?? {}));
  }

  waitForCallback<T = string>(
    nameOrSubmitter: string | undefined | CallbackSubmitter,
    submitterOrConfig?: CallbackSubmitter | WaitForCallbackConfig<T>,
    maybeConfig?: WaitForCallbackConfig<T>,
  ): DurablePromise<T> {
    const [name, submitter, config] = nameFirst(nameOrSubmitter, submitterOrConfig, maybeConfig);
    return this.#withFunction(
      "waitForCallback",
      submitter,
      name,
      "CONTEXT",
      "WaitForCallback",
      (operation) => runWaitForCallback(this, operation, submitter, config ?? {}),
    );
  }

  waitForCondition<T>(
    nameOrCheck: string | undefined | WaitForConditionCheckFunc<T>,
    checkOrConfig?: WaitForConditionCheckFunc<T> | WaitForConditionConfig<T>,
    maybeConfig?: WaitForConditionConfig<T>,
  ): DurablePromise<T> {
    const [name, check, config] = nameFirst(nameOrCheck, checkOrConfig, maybeConfig);
    return this.#withFunction(
      "waitForCondition",
      check,
      name,
      "STEP",
      "WaitForCondition",
      (operation) =>
        runWaitForCondition(this, operation, check, config as WaitForConditionConfig<T>),
    );
  }

  invoke<I, O>(
    nameOrFunction: string | undefined,
    functionOrInput?: string | I,
    inputOrConfig?: I | InvokeConfig<I, O>,
    maybeConfig?: InvokeConfig<I, O>,
  ): DurablePromise<O> {
    // As in the official SDK: a string second argument means the name came first.
    const [name, functionName, input, config] =
      typeof functionOrInput === "string"
        ? [nameOrFunction, functionOrInput, inputOrConfig as I, maybeConfig]
        : [undefined, nameOrFunction, functionOrInput as I, inputOrConfig as InvokeConfig<I, O>];
    return this.operation(() => {
      if (typeof functionName !== "string" || functionName === "") {
        throw new DurableConfigError(
          `${describeCall("invoke", name)}: expected the function's name or ARN, got ${JSON.stringify(functionName)}.`,
        );
      }
      const operation = this.begin("CHAINED_INVOKE", "ChainedInvoke", name);
      return runInvoke(this, operation, functionName, input, config ?? {});
    });
  }

  map<I, T>(
    nameOrItems: string | undefined | I[],
    itemsOrFn: I[] | MapFunc<I, T, DurableLogger>,
    fnOrConfig?: MapFunc<I, T, DurableLogger> | MapConfig<I, T>,
    maybeConfig?: MapConfig<I, T>,
  ): DurablePromise<BatchResult<T>> {
    const [name, items, fn, config] = Array.isArray(nameOrItems)
      ? [
          undefined,
          nameOrItems,
          itemsOrFn as MapFunc<I, T, DurableLogger>,
          fnOrConfig as MapConfig<I, T>,
        ]
      : [nameOrItems, itemsOrFn as I[], fnOrConfig as MapFunc<I, T, DurableLogger>, maybeConfig];
    return this.operation(() => runMap(this, name, items, fn, config ?? {}));
  }

  parallel<T>(
    nameOrBranches: string | undefined | ParallelBranch<T>[],
    branchesOrConfig?: ParallelBranch<T>[] | ParallelConfig<T>,
    maybeConfig?: ParallelConfig<T>,
  ): DurablePromise<BatchResult<T>> {
    const [name, branches, config] = Array.isArray(nameOrBranches)
      ? [undefined, nameOrBranches, branchesOrConfig as ParallelConfig<T>]
      : [nameOrBranches, branchesOrConfig as ParallelBranch<T>[], maybeConfig];
    return this.operation(() => runParallel(this, name, branches, config ?? {}));
  }

  /** An operation whose argument `fn` must be a function: checked, then begun, then `run`. */
  #withFunction<T>(
    method: string,
    fn: unknown,
    name: string | undefined,
    type: string,
    subType: string,
    run: (operation: OperationHandle) => Promise<T>,
  ): DurablePromise<T> {
    return this.operation(() => {
      requireFunction(fn, method, name);
      return run(this.begin(type, subType, name));
    });
  }

  /**
   * Takes the next position in this context and checks it against the log. A record of another
   * kind or name at this position means the code changed path since it was recorded.
   */
  begin(type: string, subType: string, name: string | undefined): OperationHandle {
    this.#checkScope(subType, name);
    if (name !== undefined && (typeof name !== "string" || !NAME_PATTERN.test(name))) {
      throw new DurableConfigError(
        `${subType} name must be 1 to 256 printable ASCII characters, got ${JSON.stringify(name)}.`,
      );
    }
    const id = this.#nextId();
    const stepId = this.#nextStepId();
    const record = this.invocation.log.get(id);
    if (record === undefined) {
      this.#replaying = false;
    } else if (record.Type !== type || record.SubType !== subType || record.Name !== name) {
      throw new NonDeterministicExecutionError(
        stepId,
        { type: record.Type ?? "UNKNOWN", subType: record.SubType, name: record.Name },
        { type, subType, name },
      );
    }
    return {
      stepId,
      id,
      name,
      // Named as the history names it: `Step "charge"`, or `Step 3` when unnamed.
      what: name === undefined ? `${subType} ${stepId}` : `${subType} "${name}"`,
      record,
      update: {
        Id: id,
        ParentId: this.parentId,
        Name: name,
        Type: type as OperationType,
        SubType: subType,
      },
      serdesContext: { entityId: id, durableExecutionArn: this.invocation.executionArn },
    };
  }

  /**
   * Waits until the service finishes operation `id`: anything but STARTED or PENDING. In rebuild
   * mode an unfinished operation never finishes, since nothing runs again (protocol.md §5).
   */
  waitForOutcome(id: string): Promise<Operation> {
    if (this.mode === "rebuild" && !isFinished(this.invocation.log.get(id))) return never();
    return this.invocation.waitForService(id, isFinished);
  }

  /** Passes over a position without an operation (a batch unit that never finished). */
  skipPosition(): void {
    this.#nextStepId();
  }

  /** A context for the operations of the CONTEXT operation `operation`. */
  child(operation: OperationHandle, mode: ContextMode): DurableContextImpl {
    return this.#adopt(operation.record !== undefined, operation.stepId, operation.id, mode);
  }

  /**
   * A virtual context (protocol.md §4): it takes the next position but is never checkpointed, and
   * its operations carry this context's `ParentId`. It replays if its first operation has a record.
   */
  virtualChild(): DurableContextImpl {
    const stepId = this.#nextStepId();
    const replaying = this.invocation.log.get(wireId(`${stepId}-1`)) !== undefined;
    return this.#adopt(replaying, stepId, this.parentId, this.mode);
  }

  #adopt(
    replaying: boolean,
    stepId: string,
    parentId: string | undefined,
    mode: ContextMode,
  ): DurableContextImpl {
    const child = new DurableContextImpl(
      this.invocation,
      replaying,
      `${stepId}-`,
      parentId,
      mode,
      this,
    );
    this.#children.set(this.#counter, child);
    return child;
  }

  /** The child context created at a position (1-based), if one was. */
  childAt(position: number): DurableContextImpl | undefined {
    return this.#children.get(position);
  }

  /** Takes the next position: its step id. */
  #nextStepId(): string {
    this.#counter += 1;
    this.#nextWireId = undefined;
    return `${this.#prefix}${this.#counter}`;
  }

  /**
   * The wire id of the next position. Replay asks for it twice per operation (when the previous
   * one settles, then when it begins), so it is computed once.
   */
  #nextId(): string {
    this.#nextWireId ??= wireId(`${this.#prefix}${this.#counter + 1}`);
    return this.#nextWireId;
  }

  /**
   * protocol.md §5, "Context misuse": an operation must be started from the code of its own
   * context, never from a step body or through a parent or sibling context.
   */
  #checkScope(subType: string, name: string | undefined): void {
    const scope = currentScope();
    if (scope === undefined) return;
    const what = describeCall(subType, name);
    if (scope.kind === "step") {
      throw new ContextUsageError(
        `${what} was started inside ${scope.what}. A step body cannot start durable operations; use runInChildContext to group operations.`,
      );
    }
    if (scope.context !== this) {
      throw new ContextUsageError(
        `${what} was started on a parent or sibling context inside child context ${scope.context.contextId}. Inside runInChildContext, use the child context your function receives.`,
      );
    }
  }

  /**
   * Starts an operation (now, or when first awaited if not `eager`), routing errors user code
   * must not catch to the invocation.
   */
  operation<T>(run: () => Promise<T>, eager = true): DurablePromise<T> {
    const start = (): Promise<T> => {
      if (this.invocation.isOver || this.isClosed) return never<T>();
      let running: Promise<T>;
      try {
        running = run();
      } catch (error) {
        running = Promise.reject(error);
      }
      return running.then(this.#settled, this.#failed) as Promise<T>;
    };
    return new DurablePromise(start, eager);
  }

  // One pair of handlers per context, not two closures per operation.
  readonly #settled = <T>(value: T): T => {
    this.#leaveReplayIfPastLog();
    return value;
  };

  readonly #failed = (error: unknown): Promise<never> => {
    if (isFatal(error) || this.invocation.isOver) return this.invocation.halt(error);
    this.#leaveReplayIfPastLog();
    throw error;
  };

  /**
   * Once an operation settles and the next position of this context has no record, everything
   * this context does from here on is new, so its logger speaks again. (The official SDK waits
   * for the next operation to start, which silences logs written after the last replayed one.)
   */
  #leaveReplayIfPastLog(): void {
    if (this.#replaying && this.invocation.log.get(this.#nextId()) === undefined) {
      this.#replaying = false;
    }
  }
}

/**
 * The outcome of a STEP or CONTEXT found finished in the log, without running anything: the
 * stored result (parsed at once when the default JSON serdes applies) or the stored error.
 * Undefined when the operation has not finished.
 */
export function replayedOutcome<T>(
  operation: OperationHandle,
  details: { Result?: string; Error?: ErrorObject } | undefined,
  serdes: Serdes<T>,
  failed: { fromErrorObject(error: ErrorObject | undefined): Error },
): Promise<T> | undefined {
  const status = operation.record?.Status;
  if (status === "FAILED") return Promise.reject(failed.fromErrorObject(details?.Error));
  if (status !== "SUCCEEDED") return undefined;
  const text = details?.Result;
  if (serdes === defaultSerdes) {
    try {
      return Promise.resolve(text === undefined ? undefined : JSON.parse(text));
    } catch {
      // Reported by the serdes path below, with the same error it always gives.
    }
  }
  return deserializeWith(serdes, text, operation);
}

function isFinished(record: Operation | undefined): boolean {
  return record !== undefined && record.Status !== "STARTED" && record.Status !== "PENDING";
}

/** Splits `(name?, first, second?)` arguments: the optional name always comes first. */
function nameFirst<F, C>(
  nameOrFirst: string | undefined | F,
  firstOrSecond: F | C | undefined,
  second: C | undefined,
): [string | undefined, F, C | undefined] {
  return typeof nameOrFirst === "string" || nameOrFirst === undefined
    ? [nameOrFirst as string | undefined, firstOrSecond as F, second]
    : [undefined, nameOrFirst, firstOrSecond as C | undefined];
}
