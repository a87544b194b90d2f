// The Lambda REST API of the server that serves the page (same origin), as the console uses it.
// Paths and shapes: protocol.md §8 and the server's routes; timestamps arrive as epoch seconds.

export interface FunctionInfo {
  FunctionName: string;
  FunctionArn: string;
  Version?: string;
  Description?: string;
  LastModified?: string;
  DurableConfig?: { ExecutionTimeout?: number; RetentionPeriodInDays?: number };
}

export interface AliasInfo {
  Name: string;
  FunctionVersion: string;
}

export interface ExecutionSummary {
  DurableExecutionArn: string;
  DurableExecutionName: string;
  FunctionArn: string;
  Status: string;
  StartTimestamp: number;
  EndTimestamp?: number;
}

export interface ErrorObject {
  ErrorType?: string;
  ErrorMessage?: string;
  ErrorData?: string;
  StackTrace?: string[];
}

export interface Execution extends ExecutionSummary {
  InputPayload?: string;
  Result?: string;
  Error?: ErrorObject;
  Version?: string;
}

export interface ClockState {
  Now: number;
  Speed: number;
  SkipIdle: boolean;
  Movable: boolean;
  NextTimer?: number;
}

/** An answer from the API that is not a success, with the service's own message. */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    readonly errorType: string,
    message: string,
  ) {
    super(message);
  }
}

const FUNCTIONS = "/2015-03-31/functions";
const EXECUTIONS = "/2025-12-01/durable-executions";
const CALLBACKS = "/2025-12-01/durable-execution-callbacks";
const label = encodeURIComponent;

async function call(
  method: string,
  path: string,
  options: {
    query?: Record<string, string | string[] | undefined>;
    body?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<{ json: unknown; headers: Headers }> {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(options.query ?? {})) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
      query.append(key, item);
    }
  }
  const url = query.size === 0 ? path : `${path}?${query}`;
  const response = await fetch(url, {
    method,
    headers: {
      ...(options.body === undefined ? {} : { "content-type": "application/json" }),
      ...options.headers,
    },
    ...(options.body === undefined ? {} : { body: options.body }),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text === "" ? {} : JSON.parse(text);
  } catch {
    json = text;
  }
  if (!response.ok) {
    const body = (json ?? {}) as { message?: string; Message?: string };
    throw new ApiError(
      response.status,
      response.headers.get("x-amzn-errortype") ?? "Error",
      body.message ?? body.Message ?? `${method} ${path} answered ${response.status}.`,
    );
  }
  return { json, headers: response.headers };
}

/** Follows NextMarker to the end of a listing. */
async function all<T>(
  path: string,
  field: string,
  query: Record<string, string | string[] | undefined> = {},
): Promise<T[]> {
  const items: T[] = [];
  let marker: string | undefined;
  do {
    const { json } = await call("GET", path, { query: { ...query, Marker: marker } });
    const page = json as Record<string, unknown> & { NextMarker?: string };
    items.push(...((page[field] as T[] | undefined) ?? []));
    marker = page.NextMarker;
  } while (marker !== undefined);
  return items;
}

export const api = {
  listFunctions: () => all<FunctionInfo>(`${FUNCTIONS}/`, "Functions"),
  listVersions: (name: string) =>
    all<FunctionInfo>(`${FUNCTIONS}/${label(name)}/versions`, "Versions"),
  listAliases: (name: string) => all<AliasInfo>(`${FUNCTIONS}/${label(name)}/aliases`, "Aliases"),

  /** The newest executions of one function first, at most `max`. */
  async listExecutions(
    name: string,
    filter: { statuses?: string[]; startedAfter?: Date; max: number },
  ): Promise<ExecutionSummary[]> {
    const { json } = await call("GET", `/2025-12-01/functions/${label(name)}/durable-executions`, {
      query: {
        Statuses: filter.statuses,
        StartedAfter: filter.startedAfter?.toISOString(),
        ReverseOrder: "true",
        MaxItems: String(filter.max),
      },
    });
    return (json as { DurableExecutions?: ExecutionSummary[] }).DurableExecutions ?? [];
  },

  async getExecution(arn: string): Promise<Execution> {
    return (await call("GET", `${EXECUTIONS}/${label(arn)}`)).json as Execution;
  },

  history: (arn: string) =>
    all<Record<string, unknown>>(`${EXECUTIONS}/${label(arn)}/history`, "Events", {
      IncludeExecutionData: "true",
      MaxItems: "1000",
    }),

  async stop(arn: string): Promise<void> {
    await call("POST", `${EXECUTIONS}/${label(arn)}/stop`, {
      body: JSON.stringify({
        ErrorType: "StoppedFromConsole",
        ErrorMessage: "Stopped from the local console.",
      }),
    });
  },

  async succeedCallback(callbackId: string, resultJson: string): Promise<void> {
    await call("POST", `${CALLBACKS}/${label(callbackId)}/succeed`, { body: resultJson });
  },

  async failCallback(callbackId: string, error: ErrorObject): Promise<void> {
    await call("POST", `${CALLBACKS}/${label(callbackId)}/fail`, { body: JSON.stringify(error) });
  },

  async heartbeatCallback(callbackId: string): Promise<void> {
    await call("POST", `${CALLBACKS}/${label(callbackId)}/heartbeat`);
  },

  /** Starts an execution without waiting for it (an Event invoke) and returns its ARN. */
  async start(
    name: string,
    qualifier: string,
    inputJson: string,
    executionName?: string,
  ): Promise<string> {
    const { headers } = await call("POST", `${FUNCTIONS}/${label(name)}/invocations`, {
      query: { Qualifier: qualifier },
      body: inputJson,
      headers: {
        "x-amz-invocation-type": "Event",
        ...(executionName === undefined ? {} : { "x-amz-durable-execution-name": executionName }),
      },
    });
    const arn = headers.get("x-amz-durable-execution-arn");
    if (arn === null)
      throw new ApiError(
        500,
        "Error",
        `${name} is not a durable function: no execution was started.`,
      );
    return arn;
  },

  async clock(): Promise<ClockState> {
    return (await call("GET", "/-/clock")).json as ClockState;
  },

  async advanceClock(
    body: { AdvanceSeconds: number } | { ToNextTimer: true },
  ): Promise<ClockState> {
    return (await call("POST", "/-/clock", { body: JSON.stringify(body) })).json as ClockState;
  },
};
