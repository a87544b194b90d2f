import { InvalidParameterValueError } from "./errors.js";
import { describeValue } from "./fields.js";

/** protocol.md §2/§8: `MaxItems` default 100, at most 1,000; 0 means the default. */
export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1_000;
/** protocol.md §2: markers expire after 24 hours. */
const MARKER_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** Which listing a marker continues; a marker is refused by any other listing. */
export type MarkerKind = "state" | "history" | "executions";

interface MarkerBody {
  /** listing */
  k: MarkerKind;
  /** scope: the execution ARN or function ARN the listing belongs to */
  s: string;
  /** position to continue from (meaning depends on the listing) */
  p: number;
  /** whether the listing runs in reverse */
  r: boolean;
  /** issue time, epoch milliseconds */
  t: number;
}

/**
 * An opaque paging marker. It carries only where to continue, so the service keeps no state per
 * marker; it is base64url so it survives a query string unchanged.
 */
export function encodeMarker(
  kind: MarkerKind,
  scope: string,
  position: number,
  reverse: boolean,
  now: Date,
): string {
  const body: MarkerBody = { k: kind, s: scope, p: position, r: reverse, t: now.getTime() };
  return Buffer.from(JSON.stringify(body), "utf8").toString("base64url");
}

/**
 * The position a marker continues from.
 *
 * @throws InvalidParameterValueError if the marker is malformed, belongs to another listing or
 * execution, was issued for the other order, or is older than 24 hours.
 */
export function decodeMarker(
  marker: string,
  kind: MarkerKind,
  scope: string,
  reverse: boolean,
  now: Date,
): number {
  const body = parseMarker(marker);
  const hint = "Pass the NextMarker of the previous response unchanged, with the same parameters.";
  if (body === undefined) {
    throw new InvalidParameterValueError(
      `Invalid marker ${describeValue(marker)}: it is not a marker this service issued. ${hint}`,
    );
  }
  if (body.k !== kind || body.s !== scope) {
    throw new InvalidParameterValueError(
      `Invalid marker: it continues a different listing. ${hint}`,
    );
  }
  if (body.r !== reverse) {
    throw new InvalidParameterValueError(
      `Invalid marker: it was issued with ReverseOrder ${body.r}, this request has ReverseOrder ${reverse}. ${hint}`,
    );
  }
  if (now.getTime() - body.t > MARKER_LIFETIME_MS) {
    throw new InvalidParameterValueError(
      "Invalid marker: it has expired; markers are valid for 24 hours. Start the listing again without a Marker.",
    );
  }
  return body.p;
}

function parseMarker(marker: string): MarkerBody | undefined {
  if (typeof marker !== "string" || marker.length === 0) return undefined;
  try {
    const body = JSON.parse(
      Buffer.from(marker, "base64url").toString("utf8"),
    ) as Partial<MarkerBody>;
    if (
      typeof body.k === "string" &&
      typeof body.s === "string" &&
      Number.isSafeInteger(body.p) &&
      typeof body.r === "boolean" &&
      Number.isSafeInteger(body.t)
    ) {
      return body as MarkerBody;
    }
  } catch {
    // Not base64url JSON: reported by the caller as a marker this service did not issue.
  }
  return undefined;
}

/**
 * The page size for a request's `MaxItems`.
 *
 * @throws InvalidParameterValueError unless it is absent or an integer from 0 to 1,000.
 */
export function resolvePageSize(maxItems: unknown): number {
  if (maxItems === undefined || maxItems === 0) return DEFAULT_PAGE_SIZE;
  if (
    typeof maxItems === "number" &&
    Number.isInteger(maxItems) &&
    maxItems > 0 &&
    maxItems <= MAX_PAGE_SIZE
  ) {
    return maxItems;
  }
  throw new InvalidParameterValueError(
    `MaxItems must be an integer from 0 to ${MAX_PAGE_SIZE} (0 means the default of ${DEFAULT_PAGE_SIZE}), got ${describeValue(maxItems)}.`,
  );
}
