import { format } from "node:util";
import type {
  DurableLogData,
  DurableLoggingContext,
  Logger,
  LoggerConfig,
  LogLevel,
} from "./types/logger.js";

/** Where a log line comes from. */
export interface LogOrigin {
  requestId: string | undefined;
  executionArn: string;
  operationId?: string;
  operationName?: string;
  attempt?: number;
}

const LEVEL_PRIORITY: Record<LogLevel, number> = { DEBUG: 10, INFO: 20, WARN: 30, ERROR: 40 };
const LEVELS: LogLevel[] = ["ERROR", "WARN", "INFO", "DEBUG"];

/** The minimum level from `AWS_LAMBDA_LOG_LEVEL`, as Lambda's advanced logging controls set it. */
function minimumLevel(): number {
  const level = process.env.AWS_LAMBDA_LOG_LEVEL?.toUpperCase();
  if (level === "TRACE") return 0;
  return LEVEL_PRIORITY[level as LogLevel] ?? LEVEL_PRIORITY.DEBUG;
}

/** Where the custom-logger call in progress comes from, which `getDurableLogData` reports. */
let callInProgress: LogOrigin | undefined;

/**
 * What a custom logger's `configureDurableLoggingContext` receives: the origin of the call it is
 * logging, or `fallback` (its context's own) when asked outside a call.
 */
export function durableLoggingContext(fallback: LogOrigin): DurableLoggingContext {
  return {
    getDurableLogData: () => {
      const { requestId, executionArn, operationId, operationName, attempt } =
        callInProgress ?? fallback;
      const data: DurableLogData = { executionArn, requestId };
      if (operationId !== undefined) data.operationId = operationId;
      if (operationName !== undefined) data.operationName = operationName;
      if (attempt !== undefined) data.attempt = attempt;
      return data;
    },
  };
}

/**
 * The message fields of a default log line, as the official SDK writes them: a lone argument is
 * the message as it is, so an object stays structured; several are formatted like `console.log`,
 * and the first `Error` among them adds `errorType`, `errorMessage` and `stackTrace`.
 */
function messageFields(args: unknown[]): Record<string, unknown> {
  const [first] = args;
  if (args.length === 1 && !(first instanceof Error) && jsonSafe(first)) return { message: first };
  const fields: Record<string, unknown> = { message: format(...args) };
  const error = args.find((arg): arg is Error => arg instanceof Error);
  if (error !== undefined) {
    fields.errorType = error.name;
    fields.errorMessage = error.message;
    fields.stackTrace = error.stack?.split("\n") ?? [];
  }
  return fields;
}

function jsonSafe(value: unknown): boolean {
  try {
    return JSON.stringify(value) !== undefined;
  } catch {
    return false;
  }
}

/**
 * A replay-aware logger. `isReplaying` is asked on every call, so a context that moves from
 * replay to execution starts logging at once.
 */
export function createLogger(
  origin: LogOrigin,
  config: LoggerConfig,
  isReplaying: () => boolean,
): Logger {
  const emit = (level: LogLevel, message: unknown, params: unknown[]) => {
    if ((config.modeAware ?? true) && isReplaying()) return;
    const method = level.toLowerCase() as Lowercase<LogLevel>;
    if (config.customLogger !== undefined) {
      // The arguments go through unchanged, as in the official SDK: a structured logger gets
      // its fields as fields, and asks `getDurableLogData` for the origin meanwhile.
      const outer = callInProgress;
      callInProgress = origin;
      try {
        config.customLogger[method](message, ...params);
      } finally {
        callInProgress = outer;
      }
      return;
    }
    if (LEVEL_PRIORITY[level] < minimumLevel()) return;
    // JSON leaves out the origin's undefined fields. Each level goes to the console method of
    // the same name, which Lambda maps to the same level.
    const record = {
      timestamp: new Date().toISOString(),
      level,
      ...origin,
      ...messageFields([message, ...params]),
    };
    console[method](JSON.stringify(record));
  };
  const logger = {} as Logger;
  for (const level of LEVELS) {
    logger[level.toLowerCase() as keyof Logger] = (message, ...params) =>
      emit(level, message, params);
  }
  return logger;
}
