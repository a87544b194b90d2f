import { describeValue, InvalidParameterValueError } from "@durable-examples/service";

/** Lambda's function management listings: `MaxItems` from 1 to 10,000, 50 by default. */
const DEFAULT_MAX_ITEMS = 50;
const MAX_MAX_ITEMS = 10_000;

/**
 * One page of a listing sorted by `keyOf`. The marker names the last key returned (base64url, so
 * it survives a query string), so a page never repeats or skips an item that stays put while
 * others are added or deleted.
 *
 * @throws InvalidParameterValueError for a marker of another listing, or MaxItems out of range.
 * @example
 * const { items, nextMarker } = listPage("functions", all, (f) => f.name, marker, 50);
 */
export function listPage<T>(
  listing: string,
  items: T[],
  keyOf: (item: T) => string,
  marker: string | undefined,
  maxItems: number | undefined,
): { items: T[]; nextMarker?: string } {
  const size = maxItems ?? DEFAULT_MAX_ITEMS;
  if (!Number.isInteger(size) || size < 1 || size > MAX_MAX_ITEMS) {
    throw new InvalidParameterValueError(
      `MaxItems must be an integer from 1 to ${MAX_MAX_ITEMS}, got ${describeValue(maxItems)}.`,
    );
  }
  const sorted = [...items].sort((a, b) => compare(keyOf(a), keyOf(b)));
  let start = 0;
  if (marker !== undefined) {
    const after = decode(marker, listing);
    start = sorted.findIndex((item) => compare(keyOf(item), after) > 0);
    if (start === -1) start = sorted.length;
  }
  const page = sorted.slice(start, start + size);
  const last = page.at(-1);
  return start + size < sorted.length && last !== undefined
    ? { items: page, nextMarker: encode(listing, keyOf(last)) }
    : { items: page };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function encode(listing: string, after: string): string {
  return Buffer.from(JSON.stringify({ l: listing, a: after }), "utf8").toString("base64url");
}

function decode(marker: string, listing: string): string {
  let body: { l?: unknown; a?: unknown } | undefined;
  try {
    body = JSON.parse(Buffer.from(marker, "base64url").toString("utf8"));
  } catch {
    body = undefined;
  }
  if (body?.l !== listing || typeof body.a !== "string") {
    throw new InvalidParameterValueError(
      `Invalid Marker ${describeValue(marker)}: it is not a NextMarker this listing returned. Pass the NextMarker of the previous response unchanged.`,
    );
  }
  return body.a;
}
