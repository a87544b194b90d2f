/**
 * The promise every durable operation returns. Operations are eager: the call allocates the
 * operation's id and starts it at once, so an operation that is never awaited still takes its
 * place in the checkpoint log. A `DurablePromise` built from a thunk instead starts on first use
 * (`ctx.promise.*` combinators allocate their id when awaited).
 */
export class DurablePromise<T> implements Promise<T> {
  #started: Promise<T> | undefined;
  readonly #start: () => Promise<T>;

  constructor(start: () => Promise<T>, eager = true) {
    this.#start = start;
    if (eager) this.#promise();
  }

  #promise(): Promise<T> {
    if (this.#started === undefined) {
      this.#started = this.#start();
      // An unawaited operation that fails must not crash the process as an unhandled rejection.
      this.#started.catch(() => {});
    }
    return this.#started;
  }

  // biome-ignore lint/suspicious/noThenProperty: a DurablePromise is a thenable by design.
  then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#promise().then(onFulfilled, onRejected);
  }

  catch<R = never>(onRejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.#promise().catch(onRejected);
  }

  finally(onFinally?: (() => void) | null): Promise<T> {
    return this.#promise().finally(onFinally);
  }

  get [Symbol.toStringTag](): string {
    return "DurablePromise";
  }

  /** Whether the operation has started: at once for an operation, on first use for a thunk. */
  get isExecuted(): boolean {
    return this.#started !== undefined;
  }
}

/**
 * A promise that never settles: for an operation whose invocation is over, or that must wait for
 * an invocation this one will never be.
 */
export function never<T>(): Promise<T> {
  return new Promise<T>(() => {});
}
