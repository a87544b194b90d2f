import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Event, ExecutionStatus, Operation } from "@aws-sdk/client-lambda";
import { HarnessError } from "../errors.js";
import { operationsFromEvents } from "./from-events.js";

/** The format of {@link DurableHistory}; bumped when a field changes meaning. */
export const HISTORY_FORMAT = "durable-examples/history@1";

/**
 * A durable execution as recorded, to replay later against changed code: the operations the
 * function saw (as `GetDurableExecutionState` returns them), the events (as
 * `GetDurableExecutionHistory` returns them), and where it ran. Timestamps are ISO strings in the
 * file and `Date`s once read.
 *
 * @example
 * {
 *   "format": "durable-examples/history@1",
 *   "functionName": "checkout",
 *   "version": "1",
 *   "executionArn": "arn:aws:lambda:…:function:checkout:1/durable-execution/order-7/…",
 *   "status": "RUNNING",
 *   "operations": [{ "Id": "…", "Type": "EXECUTION", … }, …],
 *   "events": [{ "EventType": "ExecutionStarted", "EventId": 1, … }, …]
 * }
 */
export interface DurableHistory {
  format: typeof HISTORY_FORMAT;
  functionName: string;
  /** The version it ran on: a published version number, or `$LATEST`. */
  version: string;
  executionArn: string;
  status: ExecutionStatus;
  operations: Operation[];
  events: Event[];
}

const DEFAULT_FUNCTION_NAME = "durable-function";

/**
 * Reads a history: this package's format, or, unchanged, the JSON that the AWS CLI prints for
 * `aws lambda get-durable-execution-state --output json` (`{"Operations": […]}`) or
 * `aws lambda get-durable-execution-history --output json` (`{"Events": […]}`), or both in one
 * object. Without operations they are rebuilt from the events. Timestamps may be ISO strings or
 * epoch seconds (as the Lambda API sends them).
 *
 * @throws HarnessError naming what the value is missing.
 * @example
 * const history = readHistory(JSON.parse(readFileSync("histories/in-flight.json", "utf8")));
 */
export function readHistory(value: unknown, source = "the history"): DurableHistory {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw notAHistory(source, `got ${Array.isArray(value) ? "a list" : typeof value}`);
  }
  const record = value as Record<string, unknown>;
  if (record.format !== undefined && record.format !== HISTORY_FORMAT) {
    throw new HarnessError(
      `${source} has format ${JSON.stringify(record.format)}; this version of the harness reads ${HISTORY_FORMAT}.`,
    );
  }
  const events = Array.isArray(record.Events ?? record.events)
    ? (reviveDates(record.Events ?? record.events) as Event[])
    : [];
  const listed = record.Operations ?? record.operations;
  let operations = Array.isArray(listed) ? (reviveDates(listed) as Operation[]) : undefined;
  if (operations === undefined && events.length > 0) operations = operationsFromEvents(events);
  if (operations === undefined) {
    throw notAHistory(source, "it has neither operations nor events");
  }
  const execution = operations.find((operation) => operation.Type === "EXECUTION");
  if (execution?.Id === undefined) {
    throw notAHistory(source, "its operations have no EXECUTION operation");
  }
  const functionName =
    typeof record.functionName === "string" ? record.functionName : DEFAULT_FUNCTION_NAME;
  const version = typeof record.version === "string" ? record.version : "$LATEST";
  const executionArn =
    typeof record.executionArn === "string"
      ? record.executionArn
      : `arn:aws:lambda:us-east-1:123456789012:function:${functionName}:${version}/durable-execution/recorded/${execution.Id}`;
  const status = (
    execution.Status === undefined || execution.Status === "STARTED" ? "RUNNING" : execution.Status
  ) as ExecutionStatus;
  return {
    format: HISTORY_FORMAT,
    functionName,
    version,
    executionArn,
    status,
    operations,
    events,
  };
}

/** Reads a history file (see {@link readHistory}). */
export function loadHistory(path: string): DurableHistory {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new HarnessError(`Cannot read history ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new HarnessError(`History ${path} is not JSON: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return readHistory(value, `History ${path}`);
}

/** The history as the text of a file: JSON, two-space indented, so a diff reads well. */
export function historyJson(history: DurableHistory): string {
  return `${JSON.stringify(history, null, 2)}\n`;
}

function notAHistory(source: string, problem: string): HarnessError {
  return new HarnessError(
    `${source} is not a durable execution history (${problem}): expected a file written by toHistory(), or the JSON of "aws lambda get-durable-execution-state" ({"Operations": [...]}) or "aws lambda get-durable-execution-history" ({"Events": [...]}).`,
  );
}

/**
 * Every `…Timestamp` field, however deep: ISO text or epoch seconds become a `Date`. A `Date`
 * already there (an `@aws-sdk/client-lambda` response passed as it is) is kept: copied field by
 * field it would become `{}`.
 */
function reviveDates(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reviveDates);
  if (value instanceof Date) return new Date(value.getTime());
  if (typeof value !== "object" || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key.endsWith("Timestamp") && (typeof item === "string" || typeof item === "number")) {
      copy[key] = typeof item === "number" ? new Date(item * 1000) : new Date(item);
    } else {
      copy[key] = reviveDates(item);
    }
  }
  return copy;
}

/** How to make each history a folder keeps, by file name (without `.json`). */
export type Recordings = Record<string, () => Promise<DurableHistory> | DurableHistory>;

/**
 * Records each execution of `recordings` into `<folder>/<name>.json`, replacing what was there:
 * how an example keeps its histories up to date (`pnpm record-histories`). Returns the files.
 *
 * @example
 * await recordHistories("histories", {
 *   "waiting-for-approval": () => startDurable(handler, { input }).toHistory(),
 *   approved: async () => (await runDurable(handler, { input, callbacks })).toHistory(),
 * });
 */
export async function recordHistories(folder: string, recordings: Recordings): Promise<string[]> {
  mkdirSync(folder, { recursive: true });
  const written: string[] = [];
  for (const [name, record] of Object.entries(recordings)) {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) {
      throw new HarnessError(
        `A recording's name becomes its file name: use lowercase letters, digits and dashes, got ${JSON.stringify(name)}.`,
      );
    }
    const path = join(folder, `${name}.json`);
    writeFileSync(path, historyJson(await record()));
    written.push(path);
  }
  return written;
}
