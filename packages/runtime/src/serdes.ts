import { SerdesError } from "./errors.js";
import type { Serdes, SerdesContext } from "./types/serdes.js";

/**
 * JSON, with `undefined` stored as no payload at all. Typed for any value, as the official SDK's
 * is, so it can read a callback's answer as the type the callback names.
 */
// biome-ignore lint/suspicious/noExplicitAny: the official SDK's type; JSON carries any value.
export const defaultSerdes: Serdes<any> = {
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
  serdes: Pick<Serdes<T>, "deserialize">,
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

/**
 * A serdes for instances of a class whose constructor takes no arguments: stored as JSON, read
 * back into a new instance (`Object.assign(new cls(), parsed)`), so its methods work again. Only
 * own enumerable fields survive: nested instances, `Date`s (see
 * {@link createClassSerdesWithDates}), getters and `#private` fields come back as plain data.
 *
 * @example
 * const order = await context.step("load", () => Order.load(id), {
 *   serdes: createClassSerdes(Order),
 * });
 */
export function createClassSerdes<T extends object>(cls: new () => T): Serdes<T> {
  return createClassSerdesWithDates(cls, []);
}

/**
 * As {@link createClassSerdes}, and turns the fields at `dateProps` (dotted paths such as
 * `"meta.createdAt"`) back into `Date`s. A path that is missing or empty is left as it is.
 *
 * @example
 * const serdes = createClassSerdesWithDates(Article, ["createdAt", "meta.publishedAt"]);
 */
export function createClassSerdesWithDates<T extends object>(
  cls: new () => T,
  dateProps: string[],
): Serdes<T> {
  return {
    serialize: defaultSerdes.serialize as Serdes<T>["serialize"],
    deserialize: async (text) => {
      if (text === undefined) return undefined;
      const instance = Object.assign(new cls(), JSON.parse(text)) as T;
      for (const path of dateProps)
        reviveDate(instance as Record<string, unknown>, path.split("."));
      return instance;
    },
  };
}

function reviveDate(target: Record<string, unknown>, path: string[]): void {
  let holder: Record<string, unknown> = target;
  for (const key of path.slice(0, -1)) {
    const next = holder[key];
    if (typeof next !== "object" || next === null) return;
    holder = next as Record<string, unknown>;
  }
  const last = path.at(-1)!;
  const value = holder[last];
  if (typeof value === "string" || typeof value === "number") holder[last] = new Date(value);
}
