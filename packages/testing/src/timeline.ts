import type { Event } from "@aws-sdk/client-lambda";
import { OPERATION_KINDS } from "@durable-examples/console/timeline";
import type { DurableRun } from "./types.js";

const MAX_VALUE_CHARS = 60;

/**
 * Renders a run as one line per history event, with virtual time since the start:
 *
 * ```
 * +0s        invocation 1   step "greet" succeeded: "Hello, World!"
 * +7d        invocation 2   wait "cool-down" (7d) finished
 * ```
 */
export function renderTimeline(run: Omit<DurableRun, "timeline">, started: Date): string {
  const lines: string[] = [];
  let invocation = 1;
  for (const event of run.history) {
    const text = describeEvent(event, invocation, run);
    if (event.EventType === "InvocationCompleted") invocation += 1;
    if (text === undefined) continue;
    const offset = formatOffset((event.EventTimestamp?.getTime() ?? 0) - started.getTime());
    lines.push(`${offset.padEnd(10)} ${text}`);
  }
  return lines.join("\n");
}

function describeEvent(
  event: Event,
  invocation: number,
  run: Omit<DurableRun, "timeline">,
): string | undefined {
  const label = operationLabel(event);
  switch (event.EventType) {
    case "ExecutionStarted":
      return `execution started with input ${preview(event.ExecutionStartedDetails?.Input?.Payload)}`;
    case "StepStarted":
      return `${label} started`;
    case "StepSucceeded": {
      const retry = event.StepSucceededDetails?.RetryDetails;
      if (retry?.NextAttemptDelaySeconds !== undefined) {
        return `${label} checked (attempt ${retry.CurrentAttempt}), again in ${formatSeconds(retry.NextAttemptDelaySeconds)}`;
      }
      return `${label} succeeded: ${preview(event.StepSucceededDetails?.Result?.Payload)}`;
    }
    case "StepFailed": {
      const details = event.StepFailedDetails;
      const error = details?.Error?.Payload;
      const cause = `${error?.ErrorType ?? "Error"}: ${error?.ErrorMessage ?? ""}`;
      const retry = details?.RetryDetails;
      if (retry?.NextAttemptDelaySeconds !== undefined) {
        return `${label} attempt ${retry.CurrentAttempt} failed (${cause}), retry in ${formatSeconds(retry.NextAttemptDelaySeconds)}`;
      }
      return `${label} failed after ${retry?.CurrentAttempt ?? 1} attempt(s): ${cause}`;
    }
    case "WaitStarted":
      return `${label} started for ${formatSeconds(event.WaitStartedDetails?.Duration ?? 0)}`;
    case "WaitSucceeded":
      return `${label} finished`;
    case "WaitCancelled":
      return `${label} cancelled`;
    case "ContextStarted":
      return `${label} started`;
    case "ContextSucceeded": {
      const result = preview(event.ContextSucceededDetails?.Result?.Payload);
      const record = run.operations.find((operation) => operation.Id === event.Id);
      return record?.ContextDetails?.ReplayChildren === true
        ? `${label} succeeded, its result too large to store (rebuilt on replay)${result === "" ? "" : `: ${result}`}`
        : `${label} succeeded: ${result}`;
    }
    case "ContextFailed":
      return `${label} failed: ${describeError(event.ContextFailedDetails?.Error?.Payload)}`;
    case "CallbackStarted": {
      const details = event.CallbackStartedDetails;
      const limits = [
        details?.Timeout ? `timeout ${formatSeconds(details.Timeout)}` : undefined,
        details?.HeartbeatTimeout
          ? `heartbeat every ${formatSeconds(details.HeartbeatTimeout)}`
          : undefined,
      ].filter(Boolean);
      return `${label} waiting for an answer${limits.length > 0 ? ` (${limits.join(", ")})` : ""}`;
    }
    case "CallbackSucceeded":
      return `${label} answered: ${preview(event.CallbackSucceededDetails?.Result?.Payload)}`;
    case "CallbackFailed":
      return `${label} failed: ${describeError(event.CallbackFailedDetails?.Error?.Payload)}`;
    case "CallbackTimedOut":
      return `${label} timed out: ${describeError(event.CallbackTimedOutDetails?.Error?.Payload)}`;
    case "ChainedInvokeStarted":
      return `${label} invoked ${event.ChainedInvokeStartedDetails?.FunctionName ?? "a function"} with ${preview(event.ChainedInvokeStartedDetails?.Input?.Payload)}`;
    case "ChainedInvokeSucceeded":
      return `${label} returned: ${preview(event.ChainedInvokeSucceededDetails?.Result?.Payload)}`;
    case "ChainedInvokeFailed":
      return `${label} failed: ${describeError(event.ChainedInvokeFailedDetails?.Error?.Payload)}`;
    case "ChainedInvokeTimedOut":
      return `${label} timed out`;
    case "ChainedInvokeStopped":
      return `${label} stopped`;
    case "InvocationCompleted": {
      const record = run.invocations[invocation - 1];
      const outcome = record === undefined ? "" : ` (${describeOutcome(record.outcome)})`;
      return `invocation ${invocation} ended${outcome}`;
    }
    case "ExecutionSucceeded":
      return `execution succeeded: ${preview(event.ExecutionSucceededDetails?.Result?.Payload)}`;
    case "ExecutionFailed": {
      const error = event.ExecutionFailedDetails?.Error?.Payload;
      return `execution failed: ${error?.ErrorType ?? "Error"}: ${error?.ErrorMessage ?? ""}`;
    }
    case "ExecutionTimedOut":
      return "execution timed out";
    case "ExecutionStopped":
      return "execution stopped";
    default:
      return `${event.EventType}${event.Name === undefined ? "" : ` "${event.Name}"`}`;
  }
}

/** How an operation or its event reads: `step "charge"`, `map item "notify-3"`, `wait`. */
export function operationLabel(operation: {
  SubType?: string | undefined;
  Name?: string | undefined;
}): string {
  const kind =
    OPERATION_KINDS[operation.SubType ?? ""] ?? (operation.SubType ?? "operation").toLowerCase();
  return operation.Name === undefined ? kind : `${kind} "${operation.Name}"`;
}

function describeError(error: { ErrorType?: string; ErrorMessage?: string } | undefined): string {
  return `${error?.ErrorType ?? "Error"}: ${error?.ErrorMessage ?? ""}`;
}

function describeOutcome(outcome: string): string {
  switch (outcome) {
    case "PENDING":
      return "suspended";
    case "CRASHED":
      return "crashed";
    case "THREW":
      return "handler threw";
    default:
      return outcome.toLowerCase();
  }
}

function preview(payload: string | undefined): string {
  if (payload === undefined) return "(none)";
  return payload.length > MAX_VALUE_CHARS ? `${payload.slice(0, MAX_VALUE_CHARS - 1)}…` : payload;
}

/** `+0s`, `+1.5s`, `+2m5s`, `+7d`: the largest units that describe the offset. */
export function formatOffset(ms: number): string {
  return `+${formatSeconds(ms / 1000)}`;
}

export function formatSeconds(total: number): string {
  if (total < 60)
    return `${Number.isInteger(total) ? total : total.toFixed(3).replace(/0+$/, "")}s`;
  const parts: string[] = [];
  let rest = Math.round(total);
  for (const [unit, size] of [
    ["d", 86_400],
    ["h", 3_600],
    ["m", 60],
    ["s", 1],
  ] as const) {
    const count = Math.floor(rest / size);
    if (count > 0) parts.push(`${count}${unit}`);
    rest -= count * size;
  }
  return parts.join("");
}
