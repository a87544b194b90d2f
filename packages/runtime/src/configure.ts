import { defaultSerdes } from "./serdes.js";
import type { LoggerConfig } from "./types/logger.js";
import type { Serdes } from "./types/serdes.js";

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

/** Options of `configureSerdes`. */
export interface SerdesConfig {
  /** Replaces JSON as the serdes of steps, child contexts and batches. */
  defaultSerdes?: Serdes<unknown>;
  /** Reads callback answers; by default the raw string is returned. */
  defaultCallbackDeserializer?: Serdes<unknown>;
}

/** Returns callback answers as the raw string the external system sent. */
export const rawStringSerdes: Serdes<unknown> = {
  serialize: async (value) => (value === undefined ? undefined : String(value)),
  deserialize: async (text) => text,
};

let serdesConfig: Required<SerdesConfig> = {
  defaultSerdes: defaultSerdes,
  defaultCallbackDeserializer: rawStringSerdes,
};

/**
 * Replaces the serdes used when an operation gives none, for every durable handler in this
 * process. Call it at module load, outside the handler.
 *
 * @example
 * configureSerdes({ defaultCallbackDeserializer: jsonSerdes });
 */
export function configureSerdes(config: SerdesConfig): void {
  serdesConfig = { ...serdesConfig, ...config };
}

export function currentDefaultSerdes(): Serdes<unknown> {
  return serdesConfig.defaultSerdes;
}

export function currentCallbackDeserializer(): Serdes<unknown> {
  return serdesConfig.defaultCallbackDeserializer;
}
