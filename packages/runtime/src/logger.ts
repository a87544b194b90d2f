import { format } from "node:util";
import type { Logger, LoggerConfig, LogLevel } from "./types/logger.js";

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
      config.customLogger[method](message, ...params);
      return;
    }
    if (LEVEL_PRIORITY[level] < minimumLevel()) return;
    // JSON leaves out the origin's undefined fields. Each level goes to the console method of
    // the same name, which Lambda maps to the same level.
    const record = {
      timestamp: new Date().toISOString(),
      level,
      ...origin,
      message: format(message, ...params),
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
