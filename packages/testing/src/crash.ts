import { HarnessError } from "./errors.js";
import { currentInvocation } from "./invocation-scope.js";

/**
 * Ends the current invocation as if the Lambda process died (`Runtime.ExitError`), for handlers
 * that test what happens after a crash. Call it where a real function would call `process.exit`.
 * The returned promise never settles: nothing after it runs.
 *
 * @example
 * await context.step("flaky", async () => {
 *   if (stepCtx.attempt === 1) await simulateCrash();
 *   return "done";
 * });
 */
export function simulateCrash(reason = "process exited"): Promise<never> {
  const scope = currentInvocation();
  if (scope === undefined) {
    throw new HarnessError(
      "simulateCrash() was called outside a harness invocation. Run the handler with runDurable() or checkReplay().",
    );
  }
  scope.crash(reason);
  return new Promise<never>(() => {});
}
