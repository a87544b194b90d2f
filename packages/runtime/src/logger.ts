import { format } from "node:util";
import type { Logger, LoggerConfig, LogLevel } from "./types/logger.js";

/** Where a log line comes from. */
export interface LogOrigin {
  executionArn: string;
  requestId: string | undefined;
  operationId?: string;
  operationName?: string;
  attempt?: number;
}

const LEVEL_PRIORITY: Record<LogLevel, number> = { DEBUG: 10, INFO: 20, WARN: 30, ERROR: 40 };

const WRITERS: Record<LogLevel, (line: string) => void> = {
  // Each level goes to the console method Lambda maps to the same level.
  ERROR: (line) => console.error(line),
  WARN: (line) => console.warn(line),
  INFO: (line) => console.info(line),
  DEBUG: (line) => console.debug(line),
};

/** The minimum level from `AWS_LAMBDA_LOG_LEVEL`, as Lambda's advanced logging controls set it. */
function minimumLevel(): number {
  const level = process.env.AWS_LAMBDA_LOG_LEVEL?.toUpperCase();
  if (level === "TRACE") return 0;
  return LEVEL_PRIORITY[level as LogLevel] ?? LEVEL_PRIORITY.DEBUG;
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
    const custom = config.customLogger;
    if (custom !== undefined) {
      custom[level.toLowerCase() as Lowercase<LogLevel>](message, ...params);
      return;
    }
    if (LEVEL_PRIORITY[level] < minimumLevel()) return;
    const record: Record<string, unknown> = {
      timestamp: new Date().toISOString(),
      level,
      requestId: origin.requestId,
      executionArn: origin.executionArn,
      ...(origin.operationId === undefined ? {} : { operationId: origin.operationId }),
      ...(origin.operationName === undefined ? {} : { operationName: origin.operationName }),
      ...(origin.attempt === undefined ? {} : { attempt: origin.attempt }),
      message: format(message, ...params),
    };
    WRITERS[level](JSON.stringify(record));
  };
  return {
    error: (message, ...params) => emit("ERROR", message, params),
    warn: (message, ...params) => emit("WARN", message, params),
    info: (message, ...params) => emit("INFO", message, params),
    debug: (message, ...params) => emit("DEBUG", message, params),
  };
}
