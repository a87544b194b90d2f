import type {
  Event,
  ExecutionStatus,
  Execution as ExecutionSummary,
  GetDurableExecutionHistoryRequest,
  GetDurableExecutionHistoryResponse,
  GetDurableExecutionResponse,
  ListDurableExecutionsByFunctionRequest,
  ListDurableExecutionsByFunctionResponse,
} from "@aws-sdk/client-lambda";
import { copyData } from "../copy.js";
import { InvalidParameterValueError } from "../errors.js";
import { describeValue } from "../fields.js";
import { withoutExecutionData } from "../history/events.js";
import { FUNCTION_VERSION } from "../ids.js";
import { decodeMarker, encodeMarker, resolvePageSize } from "../paging.js";
import type { Execution } from "./execution.js";

const EXECUTION_STATUSES: readonly ExecutionStatus[] = [
  "RUNNING",
  "SUCCEEDED",
  "FAILED",
  "TIMED_OUT",
  "STOPPED",
];

/**
 * GetDurableExecution (protocol.md §8). Without execution data, the input, result and error are
 * left out (they hold user data).
 */
export function describeExecution(
  execution: Execution,
  includeData: boolean,
): GetDurableExecutionResponse {
  const response: GetDurableExecutionResponse = {
    DurableExecutionArn: execution.arn,
    DurableExecutionName: execution.name,
    FunctionArn: execution.functionArn,
    StartTimestamp: new Date(execution.startTimestamp.getTime()),
    Status: execution.status,
    Version: execution.version ?? FUNCTION_VERSION,
    ExecutionDataIncluded: includeData,
    DurableConfig: {
      ExecutionTimeout: execution.executionTimeoutSeconds,
      RetentionPeriodInDays: execution.retentionPeriodInDays,
    },
  };
  if (includeData && execution.input !== undefined) response.InputPayload = execution.input;
  if (includeData && execution.result !== undefined) response.Result = execution.result;
  if (includeData && execution.error !== undefined) response.Error = copyData(execution.error);
  if (execution.endTimestamp !== undefined) {
    response.EndTimestamp = new Date(execution.endTimestamp.getTime());
  }
  return response;
}

/**
 * GetDurableExecutionHistory (protocol.md §8): events in EventId order, or newest first with
 * `ReverseOrder`; the marker holds the next EventId, so events written between pages never shift
 * a listing. `IncludeExecutionData: false` drops payloads.
 */
export function historyPage(
  execution: Execution,
  request: GetDurableExecutionHistoryRequest,
  now: Date,
): GetDurableExecutionHistoryResponse {
  const pageSize = resolvePageSize(request.MaxItems);
  const reverse = request.ReverseOrder === true;
  const events = execution.history;
  const first =
    request.Marker !== undefined
      ? decodeMarker(request.Marker, "history", execution.arn, reverse, now)
      : reverse
        ? events.length
        : 1;
  const page: Event[] = [];
  let id = first;
  while (page.length < pageSize && id >= 1 && id <= events.length) {
    page.push(events[id - 1]!);
    id += reverse ? -1 : 1;
  }
  const include = request.IncludeExecutionData !== false;
  const response: GetDurableExecutionHistoryResponse = {
    Events: page.map((event) => (include ? copyData(event) : withoutExecutionData(event))),
  };
  if (id >= 1 && id <= events.length) {
    response.NextMarker = encodeMarker("history", execution.arn, id, reverse, now);
  }
  return response;
}

/**
 * ListDurableExecutionsByFunction (protocol.md §8): newest first by default, oldest first with
 * `ReverseOrder` (client-lambda's documentation of the field). Filters combine with AND;
 * `StartedAfter` and `StartedBefore` are exclusive. The marker holds the last execution returned,
 * so executions started between pages never shift a listing.
 */
export function executionListPage(
  executions: readonly Execution[],
  functionArn: string,
  request: ListDurableExecutionsByFunctionRequest,
  now: Date,
): ListDurableExecutionsByFunctionResponse {
  const pageSize = resolvePageSize(request.MaxItems);
  const oldestFirst = request.ReverseOrder === true;
  const statuses = checkedStatuses(request.Statuses);
  const after = checkedDate(request.StartedAfter, "StartedAfter");
  const before = checkedDate(request.StartedBefore, "StartedBefore");
  const last =
    request.Marker === undefined
      ? undefined
      : decodeMarker(request.Marker, "executions", functionArn, oldestFirst, now);

  const matching = executions
    .filter(
      (execution) =>
        (request.Qualifier === undefined ||
          (execution.version ?? FUNCTION_VERSION) === request.Qualifier) &&
        (last === undefined ||
          (oldestFirst ? execution.sequence > last : execution.sequence < last)) &&
        (statuses === undefined || statuses.includes(execution.status)) &&
        (after === undefined || execution.startTimestamp.getTime() > after) &&
        (before === undefined || execution.startTimestamp.getTime() < before) &&
        (request.DurableExecutionName === undefined ||
          execution.name === request.DurableExecutionName),
    )
    .sort((a, b) => (oldestFirst ? a.sequence - b.sequence : b.sequence - a.sequence));
  const page = matching.slice(0, pageSize);
  const response: ListDurableExecutionsByFunctionResponse = {
    DurableExecutions: page.map(summaryOf),
  };
  if (matching.length > page.length) {
    response.NextMarker = encodeMarker(
      "executions",
      functionArn,
      page.at(-1)!.sequence,
      oldestFirst,
      now,
    );
  }
  return response;
}

function summaryOf(execution: Execution): ExecutionSummary {
  const summary: ExecutionSummary = {
    DurableExecutionArn: execution.arn,
    DurableExecutionName: execution.name,
    FunctionArn: execution.functionArn,
    Status: execution.status,
    StartTimestamp: new Date(execution.startTimestamp.getTime()),
  };
  if (execution.endTimestamp !== undefined)
    summary.EndTimestamp = new Date(execution.endTimestamp.getTime());
  return summary;
}

function checkedStatuses(statuses: unknown): readonly ExecutionStatus[] | undefined {
  if (statuses === undefined) return undefined;
  if (!Array.isArray(statuses)) {
    throw new InvalidParameterValueError(
      `Statuses must be a list, got ${describeValue(statuses)}.`,
    );
  }
  for (const status of statuses) {
    if (!EXECUTION_STATUSES.includes(status)) {
      throw new InvalidParameterValueError(
        `Statuses may contain ${EXECUTION_STATUSES.join(", ")}, got ${describeValue(status)}.`,
      );
    }
  }
  return statuses as ExecutionStatus[];
}

function checkedDate(value: unknown, field: string): number | undefined {
  if (value === undefined) return undefined;
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.getTime();
  throw new InvalidParameterValueError(
    `${field} must be a valid Date, got ${describeValue(value)}.`,
  );
}
