import type { DurablePromise } from "./durable-promise.js";
import { DurableConfigError, describeCall } from "./errors.js";
import type { ChildConfig } from "./types/child-context.js";
import type { DurableContext } from "./types/durable-context.js";
import type { RetryDecision } from "./types/retry.js";

/** Options of {@link withRetry}. */
export interface WithRetryConfig<T> {
  /**
   * Decides, after attempt `attemptCount` (1-based) threw `error`, whether to run the block again
   * and after what delay (1 second when left out). Steps' strategies fit here too.
   */
  retryStrategy: (error: Error, attemptCount: number) => RetryDecision;
  /**
   * Runs the attempts and their backoff waits inside one child context, named after the call
   * (default `true`). The final error then reaches the caller as a `ChildContextError` whose
   * `cause` is the last attempt's error; with `false` the last attempt's error is thrown as is.
   */
  wrapWithRunInChildContext?: boolean;
  /** Options of that child context; ignored when `wrapWithRunInChildContext` is `false`. */
  childContextConfig?: ChildConfig<T>;
}

/** One attempt of a {@link withRetry} block; `attempt` is 1-based. */
export type RetryableFunc<T> = (context: DurableContext, attempt: number) => Promise<T>;

/**
 * Runs a block of durable operations (steps, waits, callbacks, invokes...) and runs it again from
 * the top when it throws, for as long as `retryStrategy` says so, waiting with `context.wait`
 * between attempts. Unlike a step's retries, the block may contain any operation.
 *
 * Layout, as in the official SDK: a child context (`RunInChildContext`, named `name`) holding
 * each attempt's operations followed, after each failed attempt `n`, by a wait named
 * `${name}-backoff-${n}` (unnamed without a `name`). With `wrapWithRunInChildContext: false` the
 * same operations go straight into `context`.
 *
 * Replay: the block runs again on every invocation; the operations of the attempts that already
 * failed replay their recorded outcomes (so the same errors reach `retryStrategy` again) and the
 * finished backoff waits resolve at once, until the code reaches the attempt that was running.
 * `retryStrategy` must therefore decide the same way for the same error; the delay it returns
 * for a finished wait is not used again. A finished wrapping context returns its stored result
 * without running the block.
 *
 * @example
 * const decision = await withRetry(
 *   context,
 *   "approval",
 *   (ctx, attempt) => ctx.waitForCallback(`ask-${attempt}`, submit, { timeout: { hours: 24 } }),
 *   { retryStrategy: createRetryStrategy({ maxAttempts: 3 }) },
 * );
 */
export function withRetry<T>(
  context: DurableContext,
  name: string,
  func: RetryableFunc<T>,
  config: WithRetryConfig<T>,
): Promise<T>;
export function withRetry<T>(
  context: DurableContext,
  func: RetryableFunc<T>,
  config: WithRetryConfig<T>,
): Promise<T>;
export async function withRetry<T>(
  context: DurableContext,
  nameOrFunc: string | RetryableFunc<T>,
  funcOrConfig: RetryableFunc<T> | WithRetryConfig<T>,
  maybeConfig?: WithRetryConfig<T>,
): Promise<T> {
  const [name, func, config] =
    typeof nameOrFunc === "string"
      ? [nameOrFunc, funcOrConfig as RetryableFunc<T>, maybeConfig]
      : [undefined, nameOrFunc, funcOrConfig as WithRetryConfig<T> | undefined];
  const what = describeCall("withRetry", name);
  if (typeof func !== "function") {
    throw new DurableConfigError(`${what}: expected a function to run, got ${typeof func}.`);
  }
  if (typeof config?.retryStrategy !== "function") {
    throw new DurableConfigError(
      `${what}: config.retryStrategy must be a function, got ${config === undefined ? "no config" : typeof config.retryStrategy}. Pass one, e.g. createRetryStrategy({ maxAttempts: 3 }).`,
    );
  }
  const { retryStrategy, wrapWithRunInChildContext = true, childContextConfig } = config;
  const attempts = async (ctx: DurableContext): Promise<T> => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await func(ctx, attempt);
      } catch (error) {
        // As the official SDK: the strategy sees what the attempt threw, unwrapped.
        const decision = retryStrategy(error as Error, attempt);
        if (!decision.shouldRetry) throw error;
        const delay = decision.delay ?? { seconds: 1 };
        await (name === undefined
          ? ctx.wait(delay)
          : ctx.wait(`${name}-backoff-${attempt}`, delay));
      }
    }
  };
  if (!wrapWithRunInChildContext) return attempts(context);
  const child: DurablePromise<T> =
    name === undefined
      ? context.runInChildContext(attempts, childContextConfig)
      : context.runInChildContext(name, attempts, childContextConfig);
  return child;
}
