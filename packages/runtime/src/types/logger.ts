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
  /**
   * Called, when the logger has it, as it becomes a context's custom logger (as the official SDK
   * does), with a way to ask where the line being logged comes from: a custom logger adds those
   * fields to its own output.
   */
  configureDurableLoggingContext?(context: DurableLoggingContext): void;
}

/** Where a log line comes from, for a custom logger to add to its output. */
export interface DurableLogData {
  executionArn: string;
  requestId: string | undefined;
  /** The wire id of the operation whose code logs; absent for the handler's own code. */
  operationId?: string;
  operationName?: string;
  /** The step attempt that logs, 1-based. */
  attempt?: number;
}

/** Handed to a custom logger's `configureDurableLoggingContext`. */
export interface DurableLoggingContext {
  /** Where the call being logged comes from; read it while the log call runs. */
  getDurableLogData(): DurableLogData;
}

export type LogLevel = "ERROR" | "WARN" | "INFO" | "DEBUG";

/** Options of `configureLogger`. */
export interface LoggerConfig {
  /** Receives every call instead of the default JSON writer. */
  customLogger?: Logger;
  /** Silence logging while replaying (default true). */
  modeAware?: boolean;
}
