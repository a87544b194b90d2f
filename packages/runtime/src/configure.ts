import { defaultSerdes } from "./serdes.js";
import type { DurableLogger, LoggerConfig } from "./types/logger.js";
import type { Serdes, SerdesConfig } from "./types/serdes.js";

let loggerConfig: LoggerConfig = {};

/**
 * Sets the logger every context starts with, for every durable handler in this process.
 *
 * @deprecated The official SDK has no module-level `configureLogger`: call
 * `context.configureLogger(...)` in the handler instead, which moves to the official SDK unchanged.
 * This one keeps working as the process-wide starting point of each context.
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

/** Returns callback answers as the raw string the external system sent. */
export const rawStringSerdes: Serdes<unknown> = {
  serialize: async (value) => (value === undefined ? undefined : String(value)),
  deserialize: async (text) => text,
};

/** The serdes a context uses where an operation names none. */
export interface SerdesSettings {
  defaultSerdes: Serdes<unknown>;
  /** Set only once someone chose one: waitForCallback then stores the raw answer (protocol.md §6). */
  callbackDeserializer: Pick<Serdes<unknown>, "deserialize"> | undefined;
}

let serdesConfig: SerdesSettings = { defaultSerdes, callbackDeserializer: undefined };

/**
 * Sets the serdes every context starts with, for every durable handler in this process.
 *
 * @deprecated The official SDK has no module-level `configureSerdes`: call
 * `context.configureSerdes(...)` in the handler instead, which moves to the official SDK unchanged.
 * This one keeps working as the process-wide starting point of each root context.
 *
 * @example
 * configureSerdes({ defaultCallbackDeserializer: defaultSerdes });
 */
export function configureSerdes(config: SerdesConfig): void {
  serdesConfig = applySerdesConfig(serdesConfig, config);
}

export function currentSerdesSettings(): SerdesSettings {
  return serdesConfig;
}

/** `settings` with what `config` sets replaced; what it leaves out stays. */
export function applySerdesConfig(settings: SerdesSettings, config: SerdesConfig): SerdesSettings {
  return {
    defaultSerdes: config.defaultSerdes ?? settings.defaultSerdes,
    callbackDeserializer: config.defaultCallbackDeserializer ?? settings.callbackDeserializer,
  };
}

/** The logger a context uses: its own custom one, if any, and whether replay silences it. */
export interface LoggerSettings {
  customLogger?: DurableLogger;
  modeAware?: boolean;
}

/** Back to no process-wide settings (tests of the deprecated functions use it). */
export function resetProcessDefaults(): void {
  loggerConfig = {};
  serdesConfig = { defaultSerdes, callbackDeserializer: undefined };
}
