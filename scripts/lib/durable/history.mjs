// durable history: an execution's events from GetDurableExecutionHistory, all pages, printed as
// a timeline a person can read: when (from the first event), what, which operation, and a short
// preview of its payload or error.
import { GetDurableExecutionHistoryCommand } from "@aws-sdk/client-lambda";
import { attempt } from "./aws-errors.mjs";
import { formatDuration, formatTime, previewError, previewPayload } from "./format.mjs";

// The most MaxItems allows (protocol.md §8): fewer requests for a long history.
const PAGE_SIZE = 1000;

/** @type {import("./args.mjs").CommandSpec} */
export const historyCommand = {
  name: "history",
  synopsis: "history <execution-arn> [--reverse] [--json]",
  summary: "show an execution's events as a timeline",
  help: `Prints every event of a durable execution (GetDurableExecutionHistory, all pages), one line
each: time since the first event, event type, operation name, and a preview of its payload or
error, e.g.
  +2s  StepFailed  "charge-card"  GatewayTimeoutError: upstream timed out (attempt 1, retry in 2s)

  --reverse  newest event first
  --json     print the events as a JSON array instead`,
  options: { reverse: { type: "boolean" }, json: { type: "boolean" } },
  args: ["execution-arn"],
  run: history,
};

/** @param {import("./context.mjs").CommandContext} context */
async function history({ values, args, connect, out, json, log }) {
  const { client, target } = await connect();
  const events = await fetchEvents(client, target, args["execution-arn"], {
    reverse: values.reverse === true,
  });

  if (values.json) {
    json(events);
    return;
  }
  if (events.length === 0) {
    log("the execution has no events");
    return;
  }
  out(formatTimeline(events));
}

/**
 * Every event of an execution (GetDurableExecutionHistory, following NextMarker to the end).
 * @param {import("@aws-sdk/client-lambda").LambdaClient} client
 * @param {import("./client.mjs").Target} target
 * @param {string} arn
 * @param {{ reverse?: boolean }} [options] reverse: newest first
 * @returns {Promise<import("@aws-sdk/client-lambda").Event[]>}
 * @example const events = await fetchEvents(client, target, arn);
 */
export async function fetchEvents(client, target, arn, { reverse = false } = {}) {
  /** @type {import("@aws-sdk/client-lambda").Event[]} */
  const events = [];
  /** @type {string | undefined} */
  let marker;
  do {
    const page = await attempt(
      target,
      "get the execution history",
      { kind: "execution", id: arn },
      () =>
        client.send(
          new GetDurableExecutionHistoryCommand({
            DurableExecutionArn: arn,
            MaxItems: PAGE_SIZE,
            Marker: marker,
            ReverseOrder: reverse ? true : undefined,
          }),
        ),
    );
    events.push(...(page.Events ?? []));
    marker = page.NextMarker || undefined;
  } while (marker !== undefined);
  return events;
}

/**
 * One line per event, columns aligned; times are offsets from the earliest event, so a reversed
 * history reads the same numbers.
 * @param {import("@aws-sdk/client-lambda").Event[]} events
 * @example formatTimeline(events).split("\n")[0] === '+0s  ExecutionStarted  input {"orderId":"o-1"}'
 */
export function formatTimeline(events) {
  const times = events
    .map((event) => event.EventTimestamp?.getTime())
    .filter((time) => time !== undefined && !Number.isNaN(time));
  const start = times.length > 0 ? Math.min(.../** @type {number[]} */ (times)) : 0;
  const rows = events.map((event) => {
    const time = event.EventTimestamp?.getTime();
    return [
      time === undefined ? "?" : `+${formatDuration((time - start) / 1000)}`,
      event.EventType ?? "?",
      event.Name === undefined ? "" : `"${event.Name}"`,
      describeEvent(event),
    ];
  });
  const widths = [0, 1, 2].map((column) =>
    Math.max(...rows.map((row) => row[column]?.length ?? 0)),
  );
  return rows
    .map((row) =>
      row
        .map((cell, column) => (column < 3 ? cell.padEnd(widths[column] ?? 0) : cell))
        .filter((_, column) => column !== 2 || (widths[2] ?? 0) > 0)
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/**
 * @typedef {object} AnyDetails the union of the `<EventType>Details` members this reads
 * @property {{ Payload?: string, Truncated?: boolean }} [Input]
 * @property {{ Payload?: string, Truncated?: boolean }} [Result]
 * @property {{ Payload?: { ErrorType?: string, ErrorMessage?: string }, Truncated?: boolean }} [Error]
 * @property {{ CurrentAttempt?: number, NextAttemptDelaySeconds?: number }} [RetryDetails]
 * @property {number} [ExecutionTimeout]
 * @property {number} [Duration]
 * @property {Date} [ScheduledEndTimestamp]
 * @property {string} [CallbackId]
 * @property {number} [Timeout]
 * @property {number} [HeartbeatTimeout]
 * @property {string} [FunctionName]
 * @property {Date} [StartTimestamp]
 * @property {Date} [EndTimestamp]
 * @property {string} [RequestId]
 */

/**
 * The preview column: what is worth knowing about one event at a glance.
 * @param {import("@aws-sdk/client-lambda").Event} event
 */
export function describeEvent(event) {
  const key = /** @type {keyof import("@aws-sdk/client-lambda").Event} */ (
    `${event.EventType}Details`
  );
  const details = /** @type {AnyDetails} */ (event[key] ?? {});
  /** @type {string[]} */
  const parts = [];
  switch (event.EventType) {
    case "ExecutionStarted":
      if (details.Input?.Payload !== undefined) parts.push(`input ${payload(details.Input)}`);
      if (details.ExecutionTimeout !== undefined) {
        parts.push(`(timeout ${formatDuration(details.ExecutionTimeout)})`);
      }
      break;
    case "WaitStarted":
      if (details.Duration !== undefined) parts.push(formatDuration(details.Duration));
      if (details.ScheduledEndTimestamp) {
        parts.push(`(until ${formatTime(details.ScheduledEndTimestamp)})`);
      }
      break;
    case "CallbackStarted": {
      parts.push(`callback ${details.CallbackId ?? "?"}`);
      const limits = [
        details.Timeout ? `timeout ${formatDuration(details.Timeout)}` : "",
        details.HeartbeatTimeout ? `heartbeat ${formatDuration(details.HeartbeatTimeout)}` : "",
      ].filter(Boolean);
      if (limits.length > 0) parts.push(`(${limits.join(", ")})`);
      break;
    }
    case "ChainedInvokeStarted":
      parts.push(`-> ${details.FunctionName ?? "?"}`);
      if (details.Input?.Payload !== undefined) parts.push(payload(details.Input));
      break;
    case "InvocationCompleted": {
      const { StartTimestamp: from, EndTimestamp: to } = details;
      if (from && to) parts.push(`ran ${formatDuration((to.getTime() - from.getTime()) / 1000)}`);
      if (details.RequestId) parts.push(`request ${details.RequestId}`);
      break;
    }
  }
  if (details.Error !== undefined) {
    parts.push(
      previewError(details.Error.Payload) + (details.Error.Truncated ? " [truncated]" : ""),
    );
  } else if (details.Result?.Payload !== undefined) {
    parts.push(payload(details.Result));
  }
  const retry = details.RetryDetails;
  if (retry !== undefined) {
    const notes = [
      retry.CurrentAttempt !== undefined ? `attempt ${retry.CurrentAttempt}` : "",
      retry.NextAttemptDelaySeconds !== undefined
        ? `retry in ${formatDuration(retry.NextAttemptDelaySeconds)}`
        : "",
    ].filter(Boolean);
    if (notes.length > 0) parts.push(`(${notes.join(", ")})`);
  }
  return parts.join(" ");
}

/** @param {{ Payload?: string, Truncated?: boolean }} wrapper */
function payload(wrapper) {
  return previewPayload(wrapper.Payload, 80) + (wrapper.Truncated ? " [truncated]" : "");
}
