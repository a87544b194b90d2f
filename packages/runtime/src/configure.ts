import type { LoggerConfig } from "./types/logger.js";

let loggerConfig: LoggerConfig = {};

/**
 * Replaces the default JSON logger, or turns off replay-silencing, for every durable handler in
 * this process. Call it at module load, outside the handler.
 *
 * @example
 * configureLogger({ customLogger: myPinoLogger, modeAware: true });
 */
export function configureLogger(config: LoggerConfig): void {
  loggerConfig = { ...config };
}

export function currentLoggerConfig(): LoggerConfig {
  return loggerConfig;
}
