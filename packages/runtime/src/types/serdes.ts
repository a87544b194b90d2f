/** What a serializer is told about the value it handles. */
export interface SerdesContext {
  /** The operation's wire id. */
  entityId: string;
  durableExecutionArn: string;
}

/**
 * Turns operation results into the strings stored in the checkpoint log and back. The default
 * is JSON, passing `undefined` through.
 *
 * @example
 * const upper: Serdes<string> = {
 *   serialize: async (value) => value?.toUpperCase(),
 *   deserialize: async (text) => text as string,
 * };
 */
export interface Serdes<T> {
  serialize(value: T | undefined, context: SerdesContext): Promise<string | undefined>;
  deserialize(text: string | undefined, context: SerdesContext): Promise<T | undefined>;
}

/** Options of `context.configureSerdes`: each one left out keeps its current value. */
/** A serdes for values of any type, as a context's default serdes must be. */
// biome-ignore lint/suspicious/noExplicitAny: as the official SDK's, it serves every value type.
export type AnySerdes = Serdes<any>;

/** The deserializing half of {@link AnySerdes}: all a callback's answer needs. */
export type AnySerdesDeserializer = Pick<AnySerdes, "deserialize">;

export interface SerdesConfig {
  /**
   * Replaces JSON where an operation names no serdes: steps, child contexts, map and parallel
   * (their items and their result), invokes and waitForCondition.
   */
  defaultSerdes?: AnySerdes;
  /**
   * Reads callback answers (createCallback, waitForCallback) where the call names no serdes. By
   * default the raw string the external system sent is returned, whatever `defaultSerdes` is.
   */
  defaultCallbackDeserializer?: AnySerdesDeserializer;
}
