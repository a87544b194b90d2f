import { InvalidParameterValueError } from "../errors.js";
import { FUNCTION_VERSION } from "../ids.js";
import type { LocalLambda } from "../local/local-lambda.js";
import type { Route, RouteRequest } from "./routes.js";
import { BODY_LIMITS } from "./wire.js";

// The listings the web console reads (ListFunctions, ListVersionsByFunction, ListAliases), kept
// apart from routes.ts so that the fuller Lambda API work can replace them in one place.

const FUNCTIONS = "/2015-03-31/functions";
/** Lambda's most items per page for these listings. */
const MAX_ITEMS = 10_000;
const DEFAULT_ITEMS = 50;

/**
 * One page of `items` after the item whose key is `Marker` (Lambda's markers are opaque; here
 * the marker is the last key returned, so a page survives items added or removed before it).
 */
function page<T>(
  items: T[],
  key: (item: T) => string,
  request: RouteRequest,
): { items: T[]; nextMarker?: string } {
  const rawMax = request.query.get("MaxItems");
  let max = DEFAULT_ITEMS;
  if (rawMax !== null) {
    max = Number(rawMax);
    if (!/^\d+$/.test(rawMax) || max < 1 || max > MAX_ITEMS) {
      throw new InvalidParameterValueError(
        `MaxItems must be an integer from 1 to ${MAX_ITEMS}, got "${rawMax}".`,
      );
    }
  }
  const marker = request.query.get("Marker");
  let start = 0;
  if (marker !== null) {
    const index = items.findIndex((item) => key(item) === marker);
    if (index === -1) {
      throw new InvalidParameterValueError(
        `Marker "${marker}" is not one this listing returned; start again without a Marker.`,
      );
    }
    start = index + 1;
  }
  const slice = items.slice(start, start + max);
  const last = slice.at(-1);
  return start + max < items.length && last !== undefined
    ? { items: slice, nextMarker: key(last) }
    : { items: slice };
}

function withMarker<K extends string, T>(field: K, result: { items: T[]; nextMarker?: string }) {
  return {
    [field]: result.items,
    ...(result.nextMarker === undefined ? {} : { NextMarker: result.nextMarker }),
  } as Record<K, T[]> & { NextMarker?: string };
}

function byVersionNumber(a: string, b: string): number {
  return Number(a) - Number(b);
}

export const LIST_ROUTES: Route[] = [
  {
    operation: "ListFunctions",
    method: "GET",
    path: new RegExp(`^${FUNCTIONS}/?$`),
    limit: BODY_LIMITS.other,
    handle: (lambda: LocalLambda, request) => {
      const configurations = lambda.functions
        .records()
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((record) => lambda.functions.configuration(record, FUNCTION_VERSION));
      return {
        status: 200,
        json: withMarker(
          "Functions",
          page(configurations, (c) => c.FunctionName!, request),
        ),
      };
    },
  },
  {
    operation: "ListVersionsByFunction",
    method: "GET",
    path: new RegExp(`^${FUNCTIONS}/([^/]+)/versions/?$`),
    limit: BODY_LIMITS.other,
    handle: (lambda, request) => {
      const record = lambda.functions.record(request.params[0]!);
      const versions = [FUNCTION_VERSION, ...Object.keys(record.versions).sort(byVersionNumber)];
      const configurations = versions.map((version) =>
        lambda.functions.configuration(record, version),
      );
      return {
        status: 200,
        json: withMarker(
          "Versions",
          page(configurations, (c) => c.Version!, request),
        ),
      };
    },
  },
  {
    operation: "ListAliases",
    method: "GET",
    path: new RegExp(`^${FUNCTIONS}/([^/]+)/aliases/?$`),
    limit: BODY_LIMITS.other,
    handle: (lambda, request) => {
      const name = request.params[0]!;
      const record = lambda.functions.record(name);
      const version = request.query.get("FunctionVersion");
      const aliases = Object.keys(record.aliases)
        .sort()
        .map((alias) => lambda.functions.getAlias(name, alias))
        .filter((alias) => version === null || alias.FunctionVersion === version);
      return {
        status: 200,
        json: withMarker(
          "Aliases",
          page(aliases, (a) => a.Name!, request),
        ),
      };
    },
  },
];
