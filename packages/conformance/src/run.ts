import { runDurable } from "@durable-examples/testing";
import { callbackAnswers } from "./callback-answers.js";
import { matchRequirement } from "./match.js";
import type { InvalidRequirement } from "./requirements.js";
import type { HandlerEntry } from "./types/handler-entry.js";
import type { RequirementOutcome } from "./types/outcome.js";
import type { Requirement } from "./types/requirement.js";

export interface RunOptions {
  /** The handler for each requirement id; see `handlers/index.ts`. */
  readonly handlers: Readonly<Record<string, HandlerEntry>>;
  /**
   * Real milliseconds one run may take before it is reported as hung. Runs use virtual time, so
   * this only catches a harness or runtime that never settles.
   */
  readonly timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Runs each requirement in turn on the harness and compares the run with what it expects.
 * Requirements without a handler are reported as not implemented, not run.
 *
 * @example
 * const outcomes = await runRequirements(requirements, { handlers });
 */
export async function runRequirements(
  requirements: readonly Requirement[],
  options: RunOptions,
): Promise<RequirementOutcome[]> {
  // Ids are <suite number>-<n>: a suite has handlers when any id with its number has one.
  const suitesWithHandlers = new Set(Object.keys(options.handlers).map(suiteNumber));
  const outcomes: RequirementOutcome[] = [];
  for (const requirement of requirements) {
    const entry = options.handlers[requirement.id];
    if (entry === undefined) {
      outcomes.push(
        notImplemented(requirement, suitesWithHandlers.has(suiteNumber(requirement.id))),
      );
    } else {
      outcomes.push(await runRequirement(requirement, entry, options.timeoutMs));
    }
  }
  return outcomes;
}

/**
 * Runs one requirement's handler to the end of its execution (virtual time carries it through
 * waits, retry delays and callback timeouts, also for `AsyncInvoke` requirements) and reports the
 * first mismatch. The requirement's `CallbackActions` answer its callbacks, and the entry's
 * `functions` are what its `context.invoke` calls reach.
 */
export async function runRequirement(
  requirement: Requirement,
  entry: HandlerEntry,
  timeoutMs: number = DEFAULT_TIMEOUT_MS,
): Promise<RequirementOutcome> {
  const failed = (detail: string): RequirementOutcome => ({
    id: requirement.id,
    suite: requirement.suite,
    status: requirement.optional ? "fail (optional)" : "FAIL",
    detail,
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    const hung = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`the run did not settle within ${timeoutMs} ms of real time`)),
        timeoutMs,
      );
    });
    const callbacks = callbackAnswers(requirement.callbackActions);
    const run = await Promise.race([
      runDurable(entry.handler, {
        input: requirement.input,
        callbacks,
        ...(entry.functions === undefined ? {} : { functions: { ...entry.functions } }),
      }),
      hung,
    ]);
    const mismatch = matchRequirement(requirement, run);
    if (mismatch !== undefined) return failed(mismatch);
    return { id: requirement.id, suite: requirement.suite, status: "pass", detail: "" };
  } catch (error) {
    return failed(`run failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    clearTimeout(timer);
  }
}

/** A requirement file that could not be loaded fails, whether or not it says it is optional. */
export function invalidOutcome(invalid: InvalidRequirement): RequirementOutcome {
  return {
    id: invalid.id,
    suite: invalid.suite,
    status: "FAIL",
    detail: `invalid requirement file: ${invalid.error.message}`,
  };
}

function notImplemented(requirement: Requirement, suiteHasHandlers: boolean): RequirementOutcome {
  return {
    id: requirement.id,
    suite: requirement.suite,
    status: "not implemented",
    detail: suiteHasHandlers
      ? `no handler for ${requirement.id} in src/handlers/${requirement.suite}/`
      : `no handler yet for the ${requirement.suite} suite in src/handlers/${requirement.suite}/`,
  };
}

function suiteNumber(id: string): string {
  return id.split("-")[0] ?? id;
}
