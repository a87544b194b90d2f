import { SerdesError } from "./errors.js";
import type { Serdes, SerdesContext } from "./types/serdes.js";

/** JSON, with `undefined` stored as no payload at all. */
export const defaultSerdes: Serdes<unknown> = {
  serialize: async (value) => (value === undefined ? undefined : JSON.stringify(value)),
  deserialize: async (text) => (text === undefined ? undefined : JSON.parse(text)),
};

/** Runs a serializer and names the operation when it fails. */
export async function serializeWith<T>(
  serdes: Serdes<T>,
  value: T,
  context: SerdesContext,
  what: string,
): Promise<string | undefined> {
  try {
    return await serdes.serialize(value, context);
  } catch (error) {
    throw new SerdesError(`${what}: could not serialize the result: ${String(error)}`, {
      cause: error,
    });
  }
}

/** Runs a deserializer and names the operation when it fails. */
export async function deserializeWith<T>(
  serdes: Serdes<T>,
  text: string | undefined,
  context: SerdesContext,
  what: string,
): Promise<T> {
  try {
    return (await serdes.deserialize(text, context)) as T;
  } catch (error) {
    throw new SerdesError(`${what}: could not deserialize the stored result: ${String(error)}`, {
      cause: error,
    });
  }
}
