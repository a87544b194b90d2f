import { format } from "node:util";
import { DurableConfigError } from "./errors.js";
import type {
  DurableContextLogger,
  DurableLogData,
  DurableLogger,
  LoggerConfig,
  LogLevel,
} from "./types/logger.js";

type Logger = DurableContextLogger<DurableLogger>;

/** Where a log line comes from. */
export interface LogOrigin {
  requestId: string | undefined;
  executionArn: string;
  operationId?: string;
  operationName?: string;
  attempt?: number;
}

const LEVEL_PRIORITY: Record<LogLevel, number> = { DEBUG: 10, INFO: 20, WARN: 30, ERROR: 40 };
const LEVELS = Object.keys(LEVEL_PRIORITY) as LogLevel[];

function requireLevel(level: unknown): LogLevel {
  if (LEVELS.includes(level as LogLevel)) return level as LogLevel;
  throw new DurableConfigError(
    `logger.log: level must be one of ${LEVELS.join(", ")}, got ${JSON.stringify(level)}.`,
  );
}

function logData(origin: LogOrigin): DurableLogData {
  const data = Object.entries(origin).filter(([, value]) => value !== undefined);
  return Object.fromEntries(data) as DurableLogData;
}

/** The minimum level from `AWS_LAMBDA_LOG_LEVEL`, as Lambda's advanced logging controls set it. */
function minimumLevel(): number {
  const level = process.env.AWS_LAMBDA_LOG_LEVEL?.toUpperCase();
  if (level === "TRACE") return 0;
  return LEVEL_PRIORITY[level as LogLevel] ?? LEVEL_PRIORITY.DEBUG;
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
  const emit = (level: LogLevel, params: unknown[]) => {
    if ((config.modeAware ?? true) && isReplaying()) return;
    const method = level.toLowerCase() as Lowercase<LogLevel>;
    const { customLogger } = config;
    if (customLogger !== undefined) {
      // As the official SDK does, a logger that asks for the durable fields gets them: handed
      // over before each call, so they are always those of the context or step logging.
      customLogger.configureDurableLoggingContext?.({ getDurableLogData: () => logData(origin) });
      customLogger[method](...params);
      return;
    }
    if (LEVEL_PRIORITY[level] < minimumLevel()) return;
    // JSON leaves out the origin's undefined fields. Each level goes to the console method of
    // the same name, which Lambda maps to the same level.
    const record = {
      timestamp: new Date().toISOString(),
      level,
      ...origin,
      ...messageFields(params),
    };
    console[method](JSON.stringify(record));
  };
  const logger: Logger = {
    log: (level, ...params) => emit(requireLevel(level), params),
    error: (...params) => emit("ERROR", params),
    warn: (...params) => emit("WARN", params),
    info: (...params) => emit("INFO", params),
    debug: (...params) => emit("DEBUG", params),
  };
  return logger;
}
