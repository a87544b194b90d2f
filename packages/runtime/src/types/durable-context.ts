import type { DurablePromise } from "../durable-promise.js";
import type { Duration } from "./duration.js";
import type { Logger } from "./logger.js";
import type { StepConfig, StepFunction } from "./step.js";

/** Facts about the running execution. */
export interface ExecutionContext {
  durableExecutionArn: string;
}

/**
 * What a durable handler uses to do work that survives crashes and long pauses. Every operation
 * is recorded by the Lambda durable execution service. When the function is invoked again it
 * replays: each operation that already finished returns its recorded outcome instead of running
 * again. Code outside operations therefore runs on every invocation and must take the same path
 * each time; anything that varies (time, randomness, I/O) belongs inside a step.
 */
export interface DurableContext {
  /** Logs once per execution: silent while the handler replays. */
  readonly logger: Logger;
  readonly executionContext: ExecutionContext;
  /** The Lambda context of the current invocation, when Lambda passed one. */
  readonly lambdaContext: unknown;

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
  step<T>(name: string | undefined, fn: StepFunction<T>, config?: StepConfig<T>): DurablePromise<T>;
  step<T>(fn: StepFunction<T>, config?: StepConfig<T>): DurablePromise<T>;

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
}
