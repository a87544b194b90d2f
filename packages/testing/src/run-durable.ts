import type { ErrorObject } from "@aws-sdk/client-lambda";
import { callbackError, type Duration, durationMs, type TrackedCallback } from "./callbacks.js";
import { ExecutionStuckError, HarnessError } from "./errors.js";
import { HarnessRun } from "./harness-run.js";
import type { DurableHistory } from "./history/history-file.js";
import { withPatchedGlobals } from "./invocation-scope.js";
import type { DurableRun, LambdaHandler, RunOptions } from "./types.js";

/**
 * Runs a durable handler to the end on a fresh in-memory service with its own virtual clock.
 * Time moves only when nothing can run, straight to the next timer, so a seven-day wait takes no
 * time at all. The handler is called as Lambda calls it, with its checkpoint calls served in
 * process (protocol.md §9). A run that could never finish fails at once, naming what it waits on.
 *
 * @example
 * const run = await runDurable(handler, {
 *   input: { name: "World" },
 *   callbacks: [{ name: "approval", succeed: { approved: true }, after: { hours: 2 } }],
 * });
 * expect(run.status).toBe("SUCCEEDED");
 * console.log(run.timeline);
 */
export function runDurable(handler: LambdaHandler, options: RunOptions = {}): Promise<DurableRun> {
  return withPatchedGlobals(
    async () => {
      const run = HarnessRun.start(handler, options);
      await run.runToEnd();
      return run.result();
    },
    { sources: options.perturbReplays === true },
  );
}

/** A callback of a run started with {@link startDurable}, answered from the test. */
export interface CallbackHandle {
  readonly name: string | undefined;
  readonly callbackId: string;
  /** Sends `SendDurableExecutionCallbackSuccess`; strings as they are, anything else as JSON. */
  succeed(value?: unknown): Promise<void>;
  fail(error?: ErrorObject | string): Promise<void>;
  heartbeat(): Promise<void>;
}

/** A run in progress, driven from the test. */
export interface DurableExecutionHandle {
  /**
   * Resolves once a callback with this name (or its waitForCallback's name) has started and the
   * execution is suspended. Rejects if the execution ends first.
   */
  callback(name: string): Promise<CallbackHandle>;
  /**
   * Runs until the execution is suspended or ended, then gives the callbacks it waits on, in start
   * order (none once it has ended): for a driver that asks a person for each answer.
   */
  waitingCallbacks(): Promise<CallbackHandle[]>;
  /** Moves virtual time forward, running everything that becomes due. */
  advance(duration: Duration): Promise<void>;
  /** Runs to the end (time jumps to each next timer) and returns the run. */
  result(): Promise<DurableRun>;
  /**
   * Stops the execution from outside, as `StopDurableExecution` (`pnpm durable stop`) does, once
   * it is suspended, and returns the run: `STOPPED`, with `error` as the execution's error (a
   * string is its message). Its function is never invoked again: waits, retries and callbacks
   * it was waiting on never come. Rejects if the execution has already ended.
   */
  stop(error?: ErrorObject | string): Promise<DurableRun>;
  /**
   * The execution as it stands, as a history file keeps it: for an execution in flight (on a
   * wait or a callback), to replay later against changed code. With `afterCheckpoint`, it runs
   * only until that checkpoint call (counted over the run) is applied and leaves the execution as
   * a function that died right then would: running, its next invocation due. That is the way to
   * record an execution in flight that never suspends; the run goes no further.
   */
  toHistory(options?: { afterCheckpoint?: number }): Promise<DurableHistory>;
}

/**
 * Starts a durable handler and hands control to the test: the run stops whenever the execution
 * is suspended, so the test can answer callbacks, move time, and then ask for the result.
 *
 * @example
 * const execution = startDurable(handler, { input: { amount: 120 } });
 * const approval = await execution.callback("manager-approval");
 * await approval.succeed({ approved: true });
 * const run = await execution.result();
 */
export function startDurable(
  handler: LambdaHandler,
  options: RunOptions = {},
): DurableExecutionHandle {
  let run: HarnessRun | undefined;
  // One step at a time: every call waits for the previous one, so the run never moves twice at once.
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(work: (run: HarnessRun) => Promise<T>): Promise<T> => {
    const next = queue.then(() =>
      withPatchedGlobals(
        async () => {
          run ??= HarnessRun.start(handler, options);
          return work(run);
        },
        { sources: options.perturbReplays === true },
      ),
    );
    queue = next.catch(() => {});
    return next;
  };

  const handleFor = (callback: TrackedCallback): CallbackHandle => {
    const send = (answer: Parameters<HarnessRun["sendCallback"]>[1]) =>
      serially(async (current) => {
        current.sendCallback(callback.callbackId, answer);
        await current.runUntilIdle();
      });
    const name = callback.name ?? "*";
    return {
      name: callback.name,
      callbackId: callback.callbackId,
      succeed: (value) => send({ name, succeed: value }),
      fail: (error) => send({ name, fail: error ?? { ErrorMessage: "Callback failed" } }),
      heartbeat: () => send({ name, heartbeat: true }),
    };
  };

  return {
    callback: (name) =>
      serially(async (current) => {
        for (;;) {
          await current.runUntilIdle();
          const found = current.callbacks().find((c) => c.name === name && c.status === "STARTED");
          if (found !== undefined) return handleFor(found);
          if (current.isDone) {
            const earlier = current.callbacks().find((c) => c.name === name);
            throw new HarnessError(
              earlier === undefined
                ? `The execution ended (${current.status}) without starting a callback named "${name}".`
                : `Callback "${name}" is no longer waiting (${earlier.status}) and the execution ended (${current.status}); ask for it before it is answered or times out.`,
            );
          }
          const next = current.nextEventAt();
          if (next === undefined) {
            throw new ExecutionStuckError(
              `Waiting for callback "${name}", but the execution is suspended on something else that never comes.`,
            );
          }
          current.moveClockTo(next);
        }
      }),
    waitingCallbacks: () =>
      serially(async (current) => {
        await current.runUntilIdle();
        if (current.isDone) return [];
        return current
          .callbacks()
          .filter((callback) => callback.status === "STARTED")
          .map(handleFor);
      }),
    advance: (duration) => serially((current) => current.advance(durationMs(duration, "advance"))),
    result: () =>
      serially(async (current) => {
        await current.runToEnd();
        return current.result();
      }),
    stop: (error) =>
      serially(async (current) => {
        await current.runUntilIdle();
        if (current.isDone) {
          throw new HarnessError(
            `Cannot stop the execution: it has already ended (${current.status}). Stop it while it is suspended, before it ends or result() runs it to the end.`,
          );
        }
        const stopError = callbackError(error);
        current.service.stopExecution({
          DurableExecutionArn: current.executionArn,
          ...(stopError === undefined ? {} : { Error: stopError }),
        });
        return current.result();
      }),
    toHistory: (stop = {}) =>
      serially(async (current) => {
        const at = stop.afterCheckpoint;
        if (at !== undefined) {
          if (!Number.isInteger(at) || at < 1 || at <= current.checkpoints) {
            throw new HarnessError(
              `toHistory: afterCheckpoint must be a whole number after the ${current.checkpoints} checkpoint(s) the run has made, got ${String(at)}.`,
            );
          }
          current.settings = {
            ...current.settings,
            observer: { checkpointDone: (_run, number) => (number === at ? "stop" : undefined) },
          };
        }
        await current.runUntilIdle();
        if (at !== undefined && current.checkpoints < at) {
          throw new HarnessError(
            `toHistory: the execution made ${current.checkpoints} checkpoint(s) before it ${current.isDone ? "ended" : "suspended"}, not ${at}.`,
          );
        }
        return current.history();
      }),
  };
}
