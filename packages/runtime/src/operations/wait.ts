import type { DurableContextImpl } from "../context/durable-context.js";
import { durationToSeconds } from "../duration.js";
import { describeCall } from "../errors.js";
import type { Duration } from "../types/duration.js";

/**
 * `context.wait`: checkpoints a WAIT START with the total in seconds; the service completes the
 * operation when the time is up and invokes the function again (protocol.md §3).
 */
export async function runWait(
  context: DurableContextImpl,
  name: string | undefined,
  duration: Duration,
): Promise<void> {
  const seconds = durationToSeconds(duration, describeCall("wait", name));
  const operation = context.begin("WAIT", "Wait", name);
  if (operation.record === undefined && context.mode !== "rebuild") {
    void context.enqueue({
      ...operation.update,
      Action: "START",
      WaitOptions: { WaitSeconds: seconds },
    });
  }
  await context.waitForOutcome(operation.id);
}
