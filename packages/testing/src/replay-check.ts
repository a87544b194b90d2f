import type { Operation } from "@aws-sdk/client-lambda";
import { ReplayCheckError } from "./errors.js";
import type { CrashPoint } from "./faults.js";
import { runDurable } from "./run-durable.js";
import type { DurableRun, LambdaHandler, RunOptions } from "./types.js";

/** What a passed replay check covered. */
export interface ReplayReport {
  /** The run without crashes every other run is compared with. */
  baseline: DurableRun;
  /** Crash points tried: before and after each checkpoint of the baseline. */
  crashPoints: number;
}

/**
 * Proves a handler survives a crash anywhere. Runs it once, then once more for every checkpoint
 * of that run, killing the invocation just before and just after the checkpoint is applied (a
 * checkpoint sent while a step body runs is a crash inside that body). Each crashed run resumes on
 * later invocations, with `Date.now` and `Math.random` perturbed outside steps, and must end with
 * the same status, result and operations as the first, without running a completed step again.
 *
 * @example
 * await checkReplay(handler, { input: { orderId: "o-1" } });
 */
export async function checkReplay(
  handler: LambdaHandler,
  options: RunOptions = {},
): Promise<ReplayReport> {
  const baseline = await runDurable(handler, options);
  const divergences: string[] = [];
  let crashPoints = 0;
  for (let atCheckpoint = 1; atCheckpoint <= baseline.checkpointCount; atCheckpoint++) {
    for (const when of ["before-apply", "after-apply"] as const) {
      const crash: CrashPoint = { atCheckpoint, when };
      crashPoints += 1;
      const run = await runDurable(handler, { ...options, crash, perturbReplays: true });
      const divergence = compareRuns(baseline, run);
      if (divergence !== undefined)
        divergences.push(
          `crash ${when.replace("-", " ")} checkpoint ${atCheckpoint}: ${divergence}`,
        );
    }
  }
  if (divergences.length > 0) {
    throw new ReplayCheckError(
      `Replay check failed at ${divergences.length} of ${crashPoints} crash points. First: ${divergences[0]}`,
      divergences,
    );
  }
  return { baseline, crashPoints };
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
  const expected = baseline.operations.map(signature);
  const actual = run.operations.map(signature);
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

function signature(operation: Operation): string {
  const name = operation.Name === undefined ? "(unnamed)" : `"${operation.Name}"`;
  return `${operation.SubType ?? operation.Type} ${name} ${operation.Status}`;
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
