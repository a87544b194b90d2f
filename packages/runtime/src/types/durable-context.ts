import type { Context } from "aws-lambda";
import type { DurablePromise } from "../durable-promise.js";
import type { BatchResult, MapConfig, MapFunc, ParallelBranch, ParallelConfig } from "./batch.js";
import type { CallbackSubmitter, CreateCallbackConfig, WaitForCallbackConfig } from "./callback.js";
import type { ChildConfig, ChildFunc } from "./child-context.js";
import type { Duration } from "./duration.js";
import type { InvokeConfig } from "./invoke.js";
import type { DurableContextLogger, DurableLogger, LoggerConfig } from "./logger.js";
import type { SerdesConfig } from "./serdes.js";
import type { StepConfig, StepFunc } from "./step.js";
import type { WaitForConditionCheckFunc, WaitForConditionConfig } from "./wait-for-condition.js";

/** Facts about the running execution. */
export interface ExecutionContext {
  durableExecutionArn: string;
}

/**
 * Durable versions of `Promise.all`, `allSettled`, `any` and `race`. Each checkpoints its outcome,
 * so a replay sees the same result even if the operations behind the promises settle in another
 * order. Pass promises of operations already started on the same context.
 */
export interface PromiseCombinators {
  all<T>(name: string | undefined, promises: PromiseLike<T>[]): DurablePromise<T[]>;
  all<T>(promises: PromiseLike<T>[]): DurablePromise<T[]>;
  allSettled<T>(
    name: string | undefined,
    promises: PromiseLike<T>[],
  ): DurablePromise<PromiseSettledResult<T>[]>;
  allSettled<T>(promises: PromiseLike<T>[]): DurablePromise<PromiseSettledResult<T>[]>;
  any<T>(name: string | undefined, promises: PromiseLike<T>[]): DurablePromise<T>;
  any<T>(promises: PromiseLike<T>[]): DurablePromise<T>;
  race<T>(name: string | undefined, promises: PromiseLike<T>[]): DurablePromise<T>;
  race<T>(promises: PromiseLike<T>[]): DurablePromise<T>;
}

/**
 * What a durable handler uses to do work that survives crashes and long pauses. Every operation
 * is recorded by the Lambda durable execution service. When the function is invoked again it
 * replays: each operation that already finished returns its recorded outcome instead of running
 * again. Code outside operations therefore runs on every invocation and must take the same path
 * each time; anything that varies (time, randomness, I/O) belongs inside a step.
 */
export interface DurableContext<TLogger extends DurableLogger = DurableLogger> {
  /** Logs once per execution: silent while the handler replays. */
  logger: DurableContextLogger<TLogger>;
  readonly executionContext: ExecutionContext;
  /**
   * The Lambda context of the current invocation. Lambda always passes one; a caller that passes
   * none (a bare unit test) leaves it undefined, as the official SDK does.
   */
  lambdaContext: Context;

  /**
   * Runs `fn` and checkpoints its result.
   *
   * Replay: a step that succeeded returns its stored result (deserialized with `serdes`) without
   * running `fn`; one that failed throws the same `StepError` again. A failed attempt is retried
   * by `retryStrategy` (default `retryPresets.default`): the invocation suspends for the delay and
   * the next invocation runs the next attempt. With the default `AtLeastOncePerRetry` semantics a
   * body interrupted by a crash runs again; make it idempotent or use `AtMostOncePerRetry`.
   *
   * @example
   * const user = await context.step("fetch-user", async () => fetchUser(event.userId));
   */
  step<T>(
    name: string | undefined,
    fn: StepFunc<T, TLogger>,
    config?: StepConfig<T>,
  ): DurablePromise<T>;
  step<T>(fn: StepFunc<T, TLogger>, config?: StepConfig<T>): DurablePromise<T>;

  /**
   * Pauses the execution. The invocation ends (no compute is billed while waiting) and the
   * service invokes the function again when the time is up.
   *
   * Replay: a wait that finished resolves at once; one still running suspends again.
   *
   * @example
   * await context.wait("cool-down", { days: 7 });
   */
  wait(name: string | undefined, duration: Duration): DurablePromise<void>;
  wait(duration: Duration): DurablePromise<void>;

  /**
   * Runs `fn` with a context of its own and checkpoints its result as one operation. Use it to
   * group operations, to run groups concurrently, or to make a unit that replays as one.
   *
   * Replay: a child context that finished returns its stored result (or throws the same
   * `ChildContextError`) without running `fn`. One that did not finish runs `fn` again, and
   * the operations inside it replay from their own records.
   *
   * @example
   * const address = await context.runInChildContext("validate-address", async (child) => {
   *   const normalized = await child.step("normalize", () => normalize(event.address));
   *   return child.step("geocode", () => geocode(normalized));
   * });
   */
  runInChildContext<T>(
    name: string | undefined,
    fn: ChildFunc<T, TLogger>,
    config?: ChildConfig<T>,
  ): DurablePromise<T>;
  runInChildContext<T>(fn: ChildFunc<T, TLogger>, config?: ChildConfig<T>): DurablePromise<T>;

  /**
   * Creates a callback an external system answers with `SendDurableExecutionCallbackSuccess` or
   * `...Failure`. Resolves, once the service has made it, with the promise of the answer and the
   * callback id to hand out. Awaiting the answer suspends the invocation until it arrives.
   *
   * Replay: the same id comes back; an answer already given resolves at once; a failure throws
   * `CallbackError`, a timeout `CallbackTimeoutError`.
   *
   * @example
   * const [approval, callbackId] = await context.createCallback("approval", { timeout: { days: 3 } });
   * await context.step("request-approval", () => sendApprovalEmail(callbackId));
   * const answer = await approval;
   */
  createCallback<T = string>(
    name?: string,
    config?: CreateCallbackConfig<T>,
  ): DurablePromise<[DurablePromise<T>, string]>;
  createCallback<T = string>(
    config?: CreateCallbackConfig<T>,
  ): DurablePromise<[DurablePromise<T>, string]>;

  /**
   * Creates a callback, runs `submitter` with its id as a step (retried by `retryStrategy`), and
   * waits for the answer. A submitter that keeps failing throws `CallbackSubmitterError`.
   *
   * Replay: as `createCallback`; the submitter does not run again once it succeeded.
   *
   * @example
   * const decision = await context.waitForCallback("manager-approval", async (callbackId) => {
   *   await notifyManager(event.requestId, callbackId);
   * }, { timeout: { days: 2 } });
   */
  waitForCallback<T = string>(
    name: string | undefined,
    submitter: CallbackSubmitter<TLogger>,
    config?: WaitForCallbackConfig<T>,
  ): DurablePromise<T>;
  waitForCallback<T = string>(
    submitter: CallbackSubmitter<TLogger>,
    config?: WaitForCallbackConfig<T>,
  ): DurablePromise<T>;

  /**
   * Polls: runs `check` on a state, then asks `config.waitStrategy` whether to check again and
   * when. Between checks the invocation suspends and the state waits in the checkpoint log.
   *
   * Replay: a finished poll returns its final state; one in progress continues from the last
   * stored state. A check that throws fails with `WaitForConditionError`, without retry.
   *
   * @example
   * const job = await context.waitForCondition("job-done", (job) => fetchJob(job.id), {
   *   initialState: { id: event.jobId, status: "RUNNING" },
   *   waitStrategy: createWaitStrategy({ shouldContinuePolling: (job) => job.status === "RUNNING" }),
   * });
   */
  waitForCondition<T>(
    name: string | undefined,
    check: WaitForConditionCheckFunc<T, TLogger>,
    config: WaitForConditionConfig<T>,
  ): DurablePromise<T>;
  waitForCondition<T>(
    check: WaitForConditionCheckFunc<T, TLogger>,
    config: WaitForConditionConfig<T>,
  ): DurablePromise<T>;

  /**
   * Invokes another Lambda function (durable or not) and waits for its result; the invocation
   * suspends meanwhile. A durable target needs a qualified ARN (version or alias).
   *
   * Replay: a finished invoke returns the same result or throws the same `InvokeError`.
   *
   * @example
   * const receipt = await context.invoke("charge", "payments-function:live", { amount: 42 });
   */
  invoke<I, O>(
    name: string,
    functionName: string,
    input?: I,
    config?: InvokeConfig<I, O>,
  ): DurablePromise<O>;
  invoke<I, O>(functionName: string, input?: I, config?: InvokeConfig<I, O>): DurablePromise<O>;

  /**
   * Runs `fn` for every item, each in a child context of its own, with at most `maxConcurrency`
   * at once, until `completionConfig` says the batch is done (by default: all items, or the
   * first failure).
   *
   * Replay: a completed map returns its stored `BatchResult`; items that finished are not run again.
   *
   * @example
   * const sent = await context.map("notify", users, (ctx, user) => ctx.step(() => notify(user)), {
   *   maxConcurrency: 5,
   *   completionConfig: { toleratedFailurePercentage: 10 },
   * });
   */
  map<I, T>(
    name: string | undefined,
    items: I[],
    fn: MapFunc<I, T, TLogger>,
    config?: MapConfig<I, T>,
  ): DurablePromise<BatchResult<T>>;
  map<I, T>(
    items: I[],
    fn: MapFunc<I, T, TLogger>,
    config?: MapConfig<I, T>,
  ): DurablePromise<BatchResult<T>>;

  /**
   * Runs different branches concurrently, each in a child context, with the same concurrency and
   * completion options as `map`.
   *
   * @example
   * const [profile, orders] = (await context.parallel("load", [
   *   (ctx) => ctx.step(() => loadProfile(id)),
   *   { name: "orders", func: (ctx) => ctx.step(() => loadOrders(id)) },
   * ])).getResults();
   */
  parallel<T>(
    name: string | undefined,
    branches: ParallelBranch<T, TLogger>[],
    config?: ParallelConfig<T>,
  ): DurablePromise<BatchResult<T>>;
  parallel<T>(
    branches: ParallelBranch<T, TLogger>[],
    config?: ParallelConfig<T>,
  ): DurablePromise<BatchResult<T>>;

  /** Durable `Promise` combinators. */
  readonly promise: PromiseCombinators;

  /**
   * Changes this context's logger: `customLogger` receives every call of `context.logger` and of
   * the step bodies started from now on; `modeAware: false` lets `context.logger` write while the
   * code replays (it is silent then by default). Options left out keep their value.
   *
   * It affects this context only. A child context started afterwards inherits the custom logger
   * but not `modeAware`, which starts at `true` in every context, as in the official SDK. Nothing
   * is checkpointed, so call it on every invocation, before the operations it should affect.
   *
   * @example
   * context.configureLogger({ customLogger: powertoolsLogger, modeAware: false });
   */
  configureLogger(config: LoggerConfig<TLogger>): void;

  /**
   * Changes the serdes this context's operations use when they name none: `defaultSerdes` for
   * steps, child contexts, map and parallel, invokes and waitForCondition, and
   * `defaultCallbackDeserializer` for createCallback and waitForCallback answers. An operation's
   * own `serdes` still wins, and options left out keep their value.
   *
   * It affects this context and the child contexts started afterwards, which inherit both. Nothing
   * is checkpointed, so call it on every invocation, before the operations it should affect:
   * replay reads each stored value with the serdes in force when the operation is called.
   *
   * @example
   * context.configureSerdes({ defaultSerdes: createClassSerdesWithDates(Order, ["placedAt"]) });
   */
  configureSerdes(config: SerdesConfig): void;
}
