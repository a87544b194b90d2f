import { AsyncResource } from "node:async_hooks";
import {
  type CheckpointFacts,
  type CrashSite,
  describeSite,
  planCrashes,
  siteKey,
  sitePosition,
} from "./crash-points.js";
import { HarnessError, ReplayCheckError } from "./errors.js";
import { HarnessRun, type RunObserver } from "./harness-run.js";
import { withPatchedGlobals } from "./invocation-scope.js";
import { SUPPORTED_RUNTIMES } from "./runtimes.js";
import { StepValueLog } from "./step-values.js";
import { Tape } from "./tape.js";
import type { DurableRun, LambdaHandler, RunOptions } from "./types.js";

/** Options of {@link checkReplay}: those of `runDurable`, and how many crash points to try. */
export interface ReplayCheckOptions extends Omit<RunOptions, "crash" | "perturbReplays"> {
  /**
   * Try at most this many crash points: the first and last, every one where an invocation
   * suspends, and a sample of the rest drawn with `seed`. Unlimited by default.
   */
  maxCrashPoints?: number;
  /** Seed of the sample `maxCrashPoints` draws (default 1): the same seed, the same sample. */
  seed?: number;
}

/** What a passed replay check covered. */
export interface ReplayReport {
  /** The run without crashes every other run is compared with. */
  baseline: DurableRun;
  /** Crash points tried: before and after each checkpoint of the baseline. */
  crashPoints: number;
  /** Crash points left out by `maxCrashPoints`. */
  skipped: number;
  /** Crashed runs driven; two crash points that leave the service alike share one. */
  runs: number;
  /** Crashed runs that caught up with the baseline (same state) before its end. */
  converged: number;
}

/**
 * Proves a handler survives a crash anywhere. Runs it once, then, for every checkpoint of that
 * run, kills the invocation just before and just after the checkpoint is applied (a checkpoint
 * sent while a step body runs is a crash inside that body). Each crashed run resumes on later
 * invocations, with the clock (`Date.now`, `new Date()`) and `Math.random` perturbed outside
 * steps, and must end with the same status, result and operations as the first, without running a
 * completed step again.
 *
 * What it costs: a crashed run starts from the first run's state at its crash point, not from
 * scratch, and runs the invocation after the crash in full: that replay is what it checks. It
 * stops as soon as its state (every operation with its result, callbacks, timers, declared
 * answers) equals the state a later crash point starts from: from there it could differ only by
 * what its invocation holds in memory, and the run crashed at that later point, which starts with
 * nothing in memory, is checked on its own. So the whole check costs about one replay of each
 * prefix of the run. (Not checked: an invocation that replays part of the run, then runs on past
 * such a point with values kept in memory that neither the first run nor the later crash has.)
 *
 * A step attempt that runs again after a crash reads the clock, `Math.random`,
 * `crypto.randomUUID` and `crypto.getRandomValues` as its first run did, so taking such values
 * inside a step (as the runtime asks) passes, and taking them outside a step fails.
 *
 * @example
 * await checkReplay(handler, { input: { orderId: "o-1" } });
 * // A large workflow: 200 crash points spread over the run.
 * const report = await checkReplay(handler, { input, maxCrashPoints: 200 });
 */
export async function checkReplay(
  handler: LambdaHandler,
  options: ReplayCheckOptions = {},
): Promise<ReplayReport> {
  if ("crash" in options || "perturbReplays" in options) {
    throw new HarnessError(
      "checkReplay chooses its own crash points and perturbs every replay: remove the crash and perturbReplays options (use runDurable for a single crash).",
    );
  }
  // Crashed runs start inside the second pass's checkpoint calls; they get a context of their own.
  const outside = new AsyncResource("checkReplay");
  return withPatchedGlobals(
    async () => {
      const values = new StepValueLog();
      const tape = new Tape();
      const first = HarnessRun.start(handler, options, {
        perturb: "never",
        stepValues: (execution) => values.recorder(execution),
      });
      const realHandlers = first.handlerMap();
      const second = first.withHandlers((name) => tape.player(name), {
        perturb: "never",
        timeLimit: false,
      });
      const firstRun = new FirstRunRecorder(tape.recorder);
      first.settings.observer = firstRun.observer;
      await first.runToEnd();
      const baseline = first.result();
      refuseUnusable(baseline);
      if (first.runtime === undefined) {
        throw new ReplayCheckError(
          `Replay check cannot tell where this handler's steps run: it was not built with a durable runtime the harness knows (${SUPPORTED_RUNTIMES}). A replay check perturbs the clock and randomness outside steps only, so it would blame a value read inside a step. runDurable runs the handler as it is.`,
          [],
        );
      }

      const plan = planCrashes(firstRun.facts, options);
      const countFailures = firstRun.hadFailures;
      // Where a crashed run may stop: the state a planned run starts from, at a later site.
      const targets = new Map<string, number>();
      for (const { site } of plan.runs.values()) {
        const state = firstRun.states.get(siteKey(site))?.[countFailures ? 1 : 0];
        if (state !== undefined) {
          targets.set(state, Math.max(targets.get(state) ?? -1, sitePosition(site)));
        }
      }
      const divergences: { sites: CrashSite[]; message: string }[] = [];
      let converged = 0;

      const crashFrom = async (run: HarnessRun, site: CrashSite) => {
        const planned = plan.runs.get(siteKey(site));
        if (planned === undefined) return;
        const crashed = run.fork(
          {
            perturb: "replays",
            stepValues: (execution) => values.replayer(execution),
            observer: convergenceObserver(targets, sitePosition(site), countFailures),
          },
          realHandlers,
        );
        crashed.crashInFlight(describeSite(site));
        const message = await outside.runInAsyncScope(() => driveCrashed(crashed, baseline));
        if (crashed.stoppedAt !== undefined) converged += 1;
        if (message !== undefined) divergences.push({ sites: planned.covers, message });
      };
      second.settings.observer = {
        checkpointArriving: (run, checkpoint) =>
          crashFrom(run, { checkpoint, when: "before-apply" }),
        checkpointDone: async (run, checkpoint, _request, outcome) => {
          if ("response" in outcome) await crashFrom(run, { checkpoint, when: "after-apply" });
          return undefined;
        },
      };
      await second.runToEnd();

      const crashPoints = plan.sites.length;
      if (divergences.length > 0) {
        const failed = divergences.flatMap(({ sites, message }) =>
          sites.map((site) => `${describeSite(site)}: ${message}`),
        );
        throw new ReplayCheckError(
          `Replay check failed at ${failed.length} of ${crashPoints} crash points. First: ${failed[0]}`,
          failed,
        );
      }
      return { baseline, crashPoints, skipped: plan.skipped, runs: plan.runs.size, converged };
    },
    { sources: true },
  );
}

/** Runs a crashed run until it catches up or ends; the divergence from the baseline, if any. */
async function driveCrashed(
  crashed: HarnessRun,
  baseline: DurableRun,
): Promise<string | undefined> {
  try {
    await crashed.runToEnd();
  } catch (error) {
    if (!(error instanceof HarnessError)) throw error;
    return `after the crash the run did not end: ${error.message}`;
  }
  return crashed.stoppedAt === undefined ? compareRuns(baseline, crashed.result()) : undefined;
}

/**
 * What a replay check learns from its first run: the facts of each checkpoint call, and the
 * state at each crash site (without and with the count of failed invocations in a row), by site.
 */
class FirstRunRecorder {
  readonly states = new Map<string, [string, string]>();
  readonly facts: CheckpointFacts[] = [];
  hadFailures = false;
  readonly observer: RunObserver;
  #callsInInvocation = 0;
  #lastApplied: CheckpointFacts | undefined;

  constructor(tape: RunObserver) {
    this.observer = {
      invocationStarting: (run, invocation, event) => {
        tape.invocationStarting?.(run, invocation, event);
        this.#callsInInvocation = 0;
        this.#lastApplied = undefined;
        // The state a crash before this invocation's first checkpoint leaves.
        this.#remember(run, { checkpoint: run.checkpoints + 1, when: "before-apply" });
        return undefined;
      },
      checkpointDone: (run, checkpoint, request, outcome) => {
        tape.checkpointDone?.(run, checkpoint, request, outcome);
        const applied = "response" in outcome;
        const fact = {
          checkpoint,
          firstOfInvocation: this.#callsInInvocation === 0,
          applied,
          suspends: false,
        };
        this.#callsInInvocation += 1;
        this.facts.push(fact);
        if (applied) {
          this.#lastApplied = fact;
          this.#remember(run, { checkpoint, when: "after-apply" });
        }
        return undefined;
      },
      invocationEnded: (run, invocation, settled) => {
        tape.invocationEnded?.(run, invocation, settled);
        const status =
          settled.kind === "returned"
            ? (settled.output as { Status?: unknown } | undefined)?.Status
            : undefined;
        if (status === "PENDING" && this.#lastApplied !== undefined)
          this.#lastApplied.suspends = true;
        if (status !== "PENDING" && status !== "SUCCEEDED" && status !== "FAILED") {
          this.hadFailures = true;
        }
      },
      functionCalled: (call, settled) => tape.functionCalled?.(call, settled),
    };
  }

  #remember(run: HarnessRun, site: CrashSite): void {
    this.states.set(siteKey(site), [stateOf(run, false), stateOf(run, true)]);
  }
}

/**
 * Stops a crashed run once it reaches the state a planned run starts from, at a site later than
 * its own: from there on it would do what that run checks (a crash there empties memory, which is
 * all that could still differ). The invocation right after the crash always runs: it is the
 * replay this run checks.
 */
function convergenceObserver(
  targets: Map<string, number>,
  position: number,
  countFailures: boolean,
): RunObserver {
  let invocations = 0;
  const caughtUp = (run: HarnessRun) =>
    (targets.get(stateOf(run, countFailures)) ?? -1) > position ? "stop" : undefined;
  return {
    invocationStarting: (run) => (invocations++ === 0 ? undefined : caughtUp(run)),
    checkpointDone: (run, _checkpoint, _request, outcome) =>
      "response" in outcome ? caughtUp(run) : undefined,
  };
}

/** Everything that decides what a run does next, as text (see `DurableExecutionService.stateDigest`). */
function stateOf(run: HarnessRun, countFailures: boolean): string {
  return `${run.service.stateDigest({ countFailures })}#${run.answerDigest()}#${run.faultDigest()}`;
}

/**
 * A first run that made no checkpoint, or failed in a way the handler did not choose (its
 * invocations kept failing, or the service refused what the runtime sent), has nothing a crash
 * could show: say what happened instead of passing with nothing checked.
 */
function refuseUnusable(baseline: DurableRun): void {
  const last = baseline.invocations.at(-1);
  const error = baseline.error;
  const errorText =
    error === undefined ? "" : ` with ${error.ErrorType ?? "Error"}: ${error.ErrorMessage ?? ""}`;
  if (baseline.checkpointCount === 0) {
    throw new ReplayCheckError(
      `Replay check has nothing to check: the first run made no checkpoint (it ended ${baseline.status}${errorText} after ${baseline.invocations.length} invocation(s)). A durable handler checkpoints each operation it runs; one with none cannot be crashed part-way. Is the handler wrapped with withDurableExecution, and does it reach the harness's service? runDurable(handler) shows the same run.`,
      [],
    );
  }
  if (baseline.status !== "FAILED") return;
  const gaveUp = last !== undefined && last.outcome !== "FAILED" && last.outcome !== "SUCCEEDED";
  // The runtime's name for a checkpoint the service refused, and the service's own verdict on an
  // invocation that suspended with nothing pending.
  const refused = ["DurableExecutionClientError", "InvalidParameterValueException"].includes(
    error?.ErrorType ?? "",
  );
  if (gaveUp || refused) {
    const how = gaveUp
      ? `its invocations failed (the last ${last.outcome === "CRASHED" ? "crashed" : "threw"}) until the service gave up`
      : "the service refused what the runtime sent";
    throw new ReplayCheckError(
      `Replay check cannot use the first run: it failed${errorText}, because ${how}. That is not an outcome the handler chose, so crashing it shows nothing; fix the first run first (runDurable(handler) shows the same failure).`,
      [],
    );
  }
}

/** The first way `run` ended differently from `baseline`, or undefined if it did not. */
export function compareRuns(baseline: DurableRun, run: DurableRun): string | undefined {
  if (
    run.error?.ErrorType === "NonDeterministicExecutionError" &&
    baseline.error?.ErrorType !== run.error.ErrorType
  ) {
    return `non-determinism: ${run.error.ErrorMessage}`;
  }
  const rerun = completedStepRerun(run);
  if (rerun !== undefined) return rerun;
  // Counted as the runtime counts them, from the first operation after the execution's own.
  const expected = signatures(baseline);
  const actual = signatures(run);
  for (let index = 0; index < Math.max(expected.length, actual.length); index++) {
    if (expected[index] !== actual[index]) {
      return `non-determinism: operation ${index + 1} differs: first run has ${expected[index] ?? "nothing"}, replayed run has ${actual[index] ?? "nothing"}`;
    }
  }
  if (baseline.status !== run.status) {
    return `status ${run.status} (${run.error?.ErrorType ?? ""}: ${run.error?.ErrorMessage ?? ""}), first run ${baseline.status}`;
  }
  if (baseline.resultPayload !== run.resultPayload) {
    return `result ${run.resultPayload ?? "(none)"}, first run ${baseline.resultPayload ?? "(none)"}. State kept outside steps (a variable written inside a step body) is lost on replay`;
  }
  if (
    baseline.error?.ErrorType !== run.error?.ErrorType ||
    baseline.error?.ErrorMessage !== run.error?.ErrorMessage
  ) {
    return `error ${run.error?.ErrorType}: ${run.error?.ErrorMessage}, first run ${baseline.error?.ErrorType}: ${baseline.error?.ErrorMessage}`;
  }
  return undefined;
}

function signatures(run: DurableRun): string[] {
  return run.operations
    .filter((operation) => operation.Type !== "EXECUTION")
    .map((operation) => {
      const name = operation.Name === undefined ? "(unnamed)" : `"${operation.Name}"`;
      return `${operation.SubType ?? operation.Type} ${name} ${operation.Status}`;
    });
}

/**
 * A step that completed must never start again. The service refuses such an update, which fails
 * the execution; this names the step instead of leaving the refusal to be decoded.
 */
function completedStepRerun(run: DurableRun): string | undefined {
  if (run.status !== "FAILED" || run.error?.ErrorType === undefined) return undefined;
  const message = run.error.ErrorMessage ?? "";
  if (!/InvalidParameterValueException/.test(message)) return undefined;
  return `the service refused a checkpoint after the crash, which happens when a completed operation runs again: ${message}`;
}
