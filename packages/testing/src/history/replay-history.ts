import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { ErrorObject, Event, Operation } from "@aws-sdk/client-lambda";
import { HarnessError, HistoryReplayError } from "../errors.js";
import { HarnessRun } from "../harness-run.js";
import { withPatchedGlobals } from "../invocation-scope.js";
import { operationLabel } from "../timeline.js";
import type { DurableRun, LambdaHandler, RunOptions } from "../types.js";
import { type DurableHistory, loadHistory, readHistory } from "./history-file.js";
import { positionsOf } from "./positions.js";

/** Where changed code first parts from a recorded execution. */
export interface Divergence {
  /** The position in the code ("3": the handler's third operation; "2-1": the first in the second). */
  position: string | undefined;
  /** What the history has there, e.g. `step "charge-card"`. */
  recorded: string;
  /** What the new code asked for there, e.g. `step "charge"`, when it asked for something. */
  requested: string | undefined;
}

/** What {@link replayHistory} found. */
export interface ReplayVerdict {
  /** Whether the execution, on its next invocation, would go on under the new code. */
  compatible: boolean;
  /** The execution had ended: Lambda never invokes it again, so no change can affect it. */
  completed: boolean;
  /** Where the new code parts from the recording, if it does at a known operation. */
  divergence: Divergence | undefined;
  /** Operations the new code adds after the recorded ones, as far as time alone takes it. */
  next: string[];
  /** The verdict in a sentence or two, for people. */
  message: string;
}

/** Options of {@link replayHistory}: functions its invokes reach, and the run's limits. */
export type ReplayHistoryOptions = Pick<
  RunOptions,
  "functions" | "invocationTimeLimitMs" | "functionTimeoutSeconds" | "maxInvocations"
>;

/** How many invocations past the recorded state `next` is followed for. */
const NEXT_INVOCATIONS = 20;
const PENDING_TYPES = new Set(["STEP", "WAIT", "CALLBACK", "CHAINED_INVOKE"]);

/**
 * Replays a recorded execution against `handler`, as the Lambda service would on its next
 * invocation: the handler gets the recorded operations and must ask for the same ones, in the
 * same order, under the same names, until it reaches the recorded end; what it adds after that is
 * new work, which is allowed. The clock and `Math.random` are perturbed outside steps, as in
 * `checkReplay`. Incompatible: an operation changed, renamed, reordered or removed inside the
 * recorded part (the runtime finds it at its position), a recorded result the new code can no
 * longer read (it throws or fails the execution), an execution ended before the operation it
 * waits on is reached, or items added to a map or parallel that was running, beyond what it ran at
 * once. A completed
 * execution is never invoked again, so it is reported as such.
 *
 * @example
 * const verdict = await replayHistory(handler, loadHistory("histories/in-flight.json"));
 * expect(verdict.compatible).toBe(true);
 */
export async function replayHistory(
  handler: LambdaHandler,
  history: DurableHistory | unknown,
  options: ReplayHistoryOptions = {},
): Promise<ReplayVerdict> {
  const recorded = isHistory(history) ? history : readHistory(history);
  if (recorded.status !== "RUNNING") {
    return {
      compatible: true,
      completed: true,
      divergence: undefined,
      next: [],
      message: `Completed (${recorded.status}): Lambda never invokes an ended execution again, so no change to the code can affect it.`,
    };
  }
  return withPatchedGlobals(
    async () => {
      let rootInvocations = 0;
      const run = HarnessRun.adopt(handler, recorded, options, {
        perturb: "always",
        observer: {
          // The first invocation is the replay; a second would already be the future.
          invocationStarting: (_run, invocation) =>
            invocation.isRoot && rootInvocations++ >= 1 ? "stop" : undefined,
        },
      });
      // The replay is the next invocation, whatever would have woken it.
      run.service.requestInvocation(recorded.executionArn);
      await run.runUntilIdle();
      const found = verdictOf(recorded, run);
      if (!found.compatible) return { ...found, completed: false, next: [] };
      const next = await followNext(run, recorded);
      return {
        ...found,
        completed: false,
        next,
        message:
          next.length === 0
            ? found.message
            : `${found.message} Next, it would add ${next.join(", ")}.`,
      };
    },
    { sources: true },
  );
}

/**
 * Runs a recorded execution on to its end on `handler`, as Lambda would once the new code is
 * deployed: from its recorded state and time, with time jumping to each next timer and the
 * declared `callbacks` answering the callbacks it waits on. Returns the run, for assertions on
 * how an old execution finishes under new code.
 *
 * @example
 * const run = await resumeHistory(handler, loadHistory("histories/v1-waiting.json"));
 * expect(run.status).toBe("SUCCEEDED");
 */
export async function resumeHistory(
  handler: LambdaHandler,
  history: DurableHistory | unknown,
  options: Omit<RunOptions, "input" | "crash"> = {},
): Promise<DurableRun> {
  const recorded = isHistory(history) ? history : readHistory(history);
  const perturb = options.perturbReplays === true;
  return withPatchedGlobals(
    async () => {
      const run = HarnessRun.adopt(handler, recorded, options, {
        perturb: perturb ? "always" : "never",
      });
      await run.runToEnd();
      return run.result();
    },
    { sources: perturb },
  );
}

/**
 * Replays every history file (`*.json`) in a folder against `handler` (see
 * {@link replayHistory}); made for tests: it throws, naming every file the handler cannot replay
 * and the first divergence of each, and returns the verdicts when all can.
 *
 * @throws HistoryReplayError if any history does not replay; HarnessError if the folder has none.
 * @example
 * it("still replays every recorded execution", async () => {
 *   await expectReplays(handler, new URL("../histories/", import.meta.url).pathname);
 * });
 */
export async function expectReplays(
  handler: LambdaHandler,
  folder: string,
  options: ReplayHistoryOptions = {},
): Promise<Record<string, ReplayVerdict>> {
  let files: string[];
  try {
    files = readdirSync(folder)
      .filter((name) => name.endsWith(".json"))
      .sort();
  } catch (error) {
    throw new HarnessError(`Cannot read histories in ${folder}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (files.length === 0) {
    throw new HarnessError(
      `No histories (*.json) in ${folder}: record some with run.toHistory() first, or a test of them passes with nothing checked.`,
    );
  }
  const verdicts: Record<string, ReplayVerdict> = {};
  for (const file of files) {
    verdicts[file] = await replayHistory(handler, loadHistory(join(folder, file)), options);
  }
  const failed = Object.entries(verdicts).filter(([, verdict]) => !verdict.compatible);
  if (failed.length > 0) {
    const lines = failed.map(([file, verdict]) => `${file}: ${verdict.message}`);
    throw new HistoryReplayError(
      `${failed.length} of ${files.length} recorded executions in ${folder} would not replay on this code:\n${lines.map((line) => `  ${line}`).join("\n")}`,
      lines,
    );
  }
  return verdicts;
}

function isHistory(value: unknown): value is DurableHistory {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { format?: unknown }).format !== undefined &&
    (value as DurableHistory).operations?.[0]?.StartTimestamp instanceof Date
  );
}

type Found = Pick<ReplayVerdict, "compatible" | "divergence" | "message">;

const HINT =
  "Executions recorded before this change would fail on their next invocation: keep the old path for them (branch on a version recorded in a step), or let them finish on the version they started on.";

/** The verdict on the replay invocation the run has just made. */
function verdictOf(recorded: DurableHistory, run: HarnessRun): Found {
  const execution = run.service.getExecution({
    DurableExecutionArn: recorded.executionArn,
    IncludeExecutionData: true,
  });
  const replay = run.result().invocations[recordedInvocationCount(recorded)];
  if (replay === undefined) {
    throw new HarnessError(
      `Replaying ${recorded.executionArn} invoked nothing, so nothing was checked. This is a bug in the harness; please report it with the history.`,
    );
  }
  const byId = new Map(recorded.operations.map((operation) => [operation.Id, operation]));
  const positions = positionsOf(recorded.operations);
  const incompatible = (what: string, divergence?: Divergence): Found => ({
    compatible: false,
    divergence,
    message: `Not compatible: ${what}. ${HINT}`,
  });

  const error = execution.Status === "FAILED" ? execution.Error : undefined;
  if (error?.ErrorType === "NonDeterministicExecutionError") {
    const divergence = divergenceOf(error, byId, positions);
    return incompatible(
      divergence === undefined
        ? `the code parts from the recorded operations (${error.ErrorMessage ?? ""})`
        : `at operation ${divergence.position ?? "?"} the history has ${divergence.recorded}, but the code asked for ${divergence.requested ?? "something else"}`,
      divergence,
    );
  }
  if (replay?.outcome === "THREW" || replay?.outcome === "CRASHED") {
    return incompatible(
      `the code throws on the recorded state (${describeError(replay.error)}), so every invocation would fail; a recorded result it can no longer read does this`,
    );
  }
  if (error !== undefined) {
    return incompatible(
      `the code fails the execution on the recorded state (${describeError(error)}); a recorded result it can no longer read does this`,
    );
  }
  const pending = recorded.operations.filter(
    (operation) => PENDING_TYPES.has(operation.Type!) && isOpen(operation),
  );
  if (execution.Status !== "RUNNING" && pending.length > 0) {
    const first = pending[0]!;
    return incompatible(
      `the code ends the execution (${execution.Status}) without reaching ${describe(first, positions)}, which the execution waits on: it was removed or moved behind a branch`,
      { position: positions.get(first.Id!), recorded: operationLabel(first), requested: undefined },
    );
  }
  const grown = itemBeyondRecording(recorded, run.result().history, byId);
  if (grown !== undefined) {
    const { item, parent, most } = grown;
    return incompatible(
      `the code adds ${operationLabel(item)} to ${describe(parent, positions)}, which ran ${most} ${parent.SubType === "Map" ? "items" : "branches"} at once when it was recorded`,
      {
        position: positions.get(parent.Id!),
        recorded: operationLabel(parent),
        requested: undefined,
      },
    );
  }
  return {
    compatible: true,
    divergence: undefined,
    message: "Compatible: the code asks for every recorded operation as it was recorded.",
  };
}

/** Runs on past the recorded state as far as time alone takes it; what the code added. */
async function followNext(run: HarnessRun, recorded: DurableHistory): Promise<string[]> {
  run.settings = { ...run.settings, observer: undefined };
  run.stoppedAt = undefined;
  try {
    for (let i = 0; i < NEXT_INVOCATIONS && !run.isDone; i++) {
      await run.runUntilIdle();
      const next = run.service.nextTimerAt();
      if (run.isDone || next === undefined) break;
      run.moveClockTo(next.getTime());
    }
  } catch (error) {
    // The future is only a preview: a run that gets stuck on a callback stops it.
    if (!(error instanceof HarnessError)) throw error;
  }
  const known = new Set(recorded.operations.map((operation) => operation.Id));
  const operations = run.service.getOperations(recorded.executionArn);
  const positions = positionsOf(operations);
  return operations
    .filter((operation) => !known.has(operation.Id) && operation.Type !== "EXECUTION")
    .map((operation) => describe(operation, positions));
}

function divergenceOf(
  error: ErrorObject,
  byId: Map<string | undefined, Operation>,
  positions: Map<string, string>,
): Divergence | undefined {
  // Our runtime puts the facts in ErrorData; the official SDK says them in its message.
  try {
    const data = JSON.parse(error.ErrorData ?? "") as {
      stepId: string;
      recorded: { type: string; subType?: string; name?: string };
      requested: { type: string; subType?: string; name?: string };
    };
    const label = (signature: { type: string; subType?: string; name?: string }) =>
      operationLabel({ SubType: signature.subType ?? signature.type, Name: signature.name });
    return {
      position: data.stepId,
      recorded: label(data.recorded),
      requested: label(data.requested),
    };
  } catch {
    // not ours: read the message below
  }
  const match =
    /(type|name|subtype) mismatch for step "([^"]+)"\. Expected \w+ "([^"]*)", but got "([^"]*)"/.exec(
      error.ErrorMessage ?? "",
    );
  if (match === null) return undefined;
  const [, field, id, , got] = match;
  const operation = byId.get(id) ?? [...byId.values()].find((op) => positions.get(op.Id!) === id);
  if (operation === undefined) return undefined;
  const asked = {
    SubType: field === "name" ? operation.SubType : got,
    Name: field === "name" ? (got === "undefined" ? undefined : got) : operation.Name,
  };
  return {
    position: positions.get(operation.Id!) ?? id,
    recorded: operationLabel(operation),
    requested: field === "type" ? `a ${got} operation` : operationLabel(asked),
  };
}

/**
 * An item or branch the code starts in a map or parallel that was running when recorded, with
 * more of them running at once than the recording ever had: a longer list of items, another
 * branch. A batch with `maxConcurrency` starts items as others finish, within what it ran at
 * once before; that is the execution going on, not a change. `events` are the replay's, the
 * recorded ones first. A history without events cannot tell, and passes.
 */
function itemBeyondRecording(
  recorded: DurableHistory,
  events: Event[],
  byId: Map<string | undefined, Operation>,
): { item: Event; parent: Operation; most: number } | undefined {
  const running = new Map<string, number>();
  const most = new Map<string, number>();
  for (const [index, event] of events.entries()) {
    const parent = event.ParentId === undefined ? undefined : byId.get(event.ParentId);
    if (parent === undefined || !isOpen(parent)) continue;
    if (parent.SubType !== "Map" && parent.SubType !== "Parallel") continue;
    const id = parent.Id!;
    const now = running.get(id) ?? 0;
    if (event.EventType === "ContextStarted") {
      running.set(id, now + 1);
      if (index < recorded.events.length) most.set(id, Math.max(most.get(id) ?? 0, now + 1));
      else if (now + 1 > (most.get(id) ?? Number.POSITIVE_INFINITY)) {
        return { item: event, parent, most: most.get(id)! };
      }
    } else if (event.EventType === "ContextSucceeded" || event.EventType === "ContextFailed") {
      running.set(id, now - 1);
    }
  }
  return undefined;
}

function recordedInvocationCount(history: DurableHistory): number {
  return history.events.filter((event) => event.EventType === "InvocationCompleted").length;
}

function isOpen(operation: Operation): boolean {
  return (
    operation.Status === "STARTED" || operation.Status === "PENDING" || operation.Status === "READY"
  );
}

function describe(operation: Operation, positions: Map<string, string>): string {
  const position = positions.get(operation.Id!);
  return position === undefined
    ? operationLabel(operation)
    : `${operationLabel(operation)} (operation ${position})`;
}

function describeError(error: ErrorObject | undefined): string {
  return `${error?.ErrorType ?? "Error"}: ${error?.ErrorMessage ?? ""}`;
}
