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
