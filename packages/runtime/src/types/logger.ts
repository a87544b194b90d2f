/**
 * The logger on `context.logger` and on step contexts. The default writes one JSON line per call
 * with the execution, request and operation it came from; it is silent while the code replays,
 * so each message appears once however often the handler is invoked.
 */
export interface Logger {
  error(message: unknown, ...params: unknown[]): void;
  warn(message: unknown, ...params: unknown[]): void;
  info(message: unknown, ...params: unknown[]): void;
  debug(message: unknown, ...params: unknown[]): void;
}

export type LogLevel = "ERROR" | "WARN" | "INFO" | "DEBUG";

/** Options of `configureLogger`. */
export interface LoggerConfig {
  /** Receives every call instead of the default JSON writer. */
  customLogger?: Logger;
  /** Silence logging while replaying (default true). */
  modeAware?: boolean;
}
