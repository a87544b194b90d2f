import { SerdesError } from "./errors.js";
import type { Serdes, SerdesContext } from "./types/serdes.js";

/** JSON, with `undefined` stored as no payload at all. */
export const defaultSerdes: Serdes<unknown> = {
  serialize: async (value) => (value === undefined ? undefined : JSON.stringify(value)),
  deserialize: async (text) => (text === undefined ? undefined : JSON.parse(text)),
};

/** The operation a value belongs to, as a serializer is told and as errors name it. */
export interface SerdesTarget {
  what: string;
  serdesContext: SerdesContext;
}

/** Runs a serializer and names the operation when it fails. */
export async function serializeWith<T>(
  serdes: Serdes<T>,
  value: T,
  target: SerdesTarget,
): Promise<string | undefined> {
  try {
    return await serdes.serialize(value, target.serdesContext);
  } catch (error) {
    throw new SerdesError(`${target.what}: could not serialize the result: ${String(error)}`, {
      cause: error,
    });
  }
}

/** Runs a deserializer and names the operation when it fails. */
export async function deserializeWith<T>(
  serdes: Serdes<T>,
  text: string | undefined,
  target: SerdesTarget,
): Promise<T> {
  try {
    return (await serdes.deserialize(text, target.serdesContext)) as T;
  } catch (error) {
    throw new SerdesError(
      `${target.what}: could not deserialize the stored result: ${String(error)}`,
      {
        cause: error,
      },
    );
  }
}
