import type { DurableContextImpl } from "../context/durable-context.js";
import { never } from "../durable-promise.js";
import { durationToSeconds } from "../duration.js";
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
  const seconds = durationToSeconds(duration, name === undefined ? "wait" : `wait "${name}"`);
  const operation = context.begin("WAIT", "Wait", name);
  const { invocation } = context;
  if (operation.record?.Status === "SUCCEEDED") return;
  if (context.mode === "rebuild") return never();
  if (operation.record === undefined) {
    void context.enqueue({
      ...operation.update,
      Action: "START",
      WaitOptions: { WaitSeconds: seconds },
    });
  }
  await invocation.waitForService(operation.id, (record) => record.Status !== "STARTED");
}
