/** The levels a durable logger writes, as `AWS_LAMBDA_LOG_LEVEL` names them. */
export type LogLevel = "ERROR" | "WARN" | "INFO" | "DEBUG";

/** What the runtime knows about where a log line comes from. */
export interface DurableLogData {
  requestId: string;
  executionArn: string;
  tenantId?: string;
  operationId?: string;
  operationName?: string;
  attempt?: number;
  [key: string]: unknown;
}

/** Handed to a custom logger that asks for it, so that it can add the durable fields itself. */
export interface DurableLoggingContext {
  getDurableLogData: () => DurableLogData;
}

/**
 * A logger the runtime can write through: the default writes one JSON line per call with the
 * execution, request and operation it came from, and any logger with these methods (Powertools,
 * pino, `console`) can replace it through `context.configureLogger({ customLogger })`.
 *
 * @example
 * context.configureLogger({ customLogger: console });
 */
export interface DurableLogger {
  log?(level: LogLevel, ...params: unknown[]): void;
  error(...params: unknown[]): void;
  warn(...params: unknown[]): void;
  info(...params: unknown[]): void;
  debug(...params: unknown[]): void;
  configureDurableLoggingContext?(durableLoggingContext: DurableLoggingContext): void;
}

/**
 * The logger on `context.logger` and on step contexts: the logging methods of the configured
 * logger, silent while the code replays, so each message appears once however often the handler
 * is invoked.
 */
export type DurableContextLogger<Logger extends DurableLogger> = Pick<
  Logger,
  "log" | "warn" | "info" | "error" | "debug"
>;

/** Options of `context.configureLogger`. */
export interface LoggerConfig<Logger extends DurableLogger = DurableLogger> {
  /** Receives every call instead of the default JSON writer. */
  customLogger?: Logger;
  /** Silence logging while replaying (default true). */
  modeAware?: boolean;
}
