// How durable prints what the Lambda API returns: aligned tables and key/value blocks without
// colour, times in UTC, durations in the largest units that matter, and payloads cut to one line.

const decoder = new TextDecoder();

/**
 * Columns padded to their widest cell, two spaces apart, with no trailing spaces.
 * @param {string[]} headers
 * @param {string[][]} rows
 * @example formatTable(["NAME", "STATUS"], [["order-1", "RUNNING"]])
 */
export function formatTable(headers, rows) {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  return [headers, ...rows]
    .map((row) =>
      row
        .map((cell, column) =>
          column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0),
        )
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/**
 * "key  value" lines with the keys padded to the same width; pairs whose value is undefined are
 * left out, so optional fields need no special casing.
 * @param {[string, string | undefined][]} pairs
 * @example formatKeyValues([["status", "RUNNING"], ["ended", undefined]]) === "status  RUNNING"
 */
export function formatKeyValues(pairs) {
  const present = /** @type {[string, string][]} */ (
    pairs.filter(([, value]) => value !== undefined)
  );
  const width = Math.max(0, ...present.map(([key]) => key.length));
  return present.map(([key, value]) => `${key.padEnd(width)}  ${value}`).join("\n");
}

/**
 * An ISO-8601 UTC time, without milliseconds when they are zero; "-" for no time.
 * @param {Date | undefined} date
 * @example formatTime(new Date(Date.UTC(2025, 11, 1, 10))) === "2025-12-01T10:00:00Z"
 */
export function formatTime(date) {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) return "-";
  return date.toISOString().replace(/\.000Z$/, "Z");
}

const UNITS = /** @type {const} */ ([
  ["d", 86_400],
  ["h", 3_600],
  ["m", 60],
  ["s", 1],
]);

/**
 * A duration in the units that are not zero, largest first: 0.25s, 2s, 1m30s, 2h, 7d2s. Under a
 * minute it keeps milliseconds; from a minute on, whole seconds (rounded down, as elapsed
 * time is).
 * @param {number} seconds
 * @example formatDuration(90) === "1m30s"
 */
export function formatDuration(seconds) {
  if (seconds < 60) return `${Number(seconds.toFixed(3))}s`;
  let rest = Math.floor(seconds);
  const parts = [];
  for (const [unit, size] of UNITS) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0) parts.push(`${count}${unit}`);
  }
  return parts.join("");
}

/**
 * Bytes from the SDK (a Uint8Array) or text, as text.
 * @param {Uint8Array | string | undefined} payload
 */
export function decodePayload(payload) {
  if (payload === undefined) return undefined;
  return typeof payload === "string" ? payload : decoder.decode(payload);
}

/**
 * A payload on one line: JSON re-printed compactly, anything else with its line breaks shown
 * as spaces, cut to `max` characters with an ellipsis.
 * @param {string | undefined} text
 * @param {number} [max]
 * @example previewPayload('{\n  "ok": true\n}') === '{"ok":true}'
 */
export function previewPayload(text, max = 80) {
  if (text === undefined) return "";
  let line;
  try {
    line = JSON.stringify(JSON.parse(text));
  } catch {
    line = text.replace(/\s+/g, " ").trim();
  }
  return truncate(line, max);
}

/**
 * An ErrorObject as "Type: message" on one line.
 * @param {{ ErrorType?: string, ErrorMessage?: string, ErrorData?: string } | undefined} error
 * @param {number} [max]
 * @example previewError({ ErrorType: "TimeoutError", ErrorMessage: "too slow" }) === "TimeoutError: too slow"
 */
export function previewError(error, max = 100) {
  if (!error) return "";
  const type = error.ErrorType ?? "Error";
  const message = (error.ErrorMessage ?? "").replace(/\s+/g, " ").trim();
  return truncate(message ? `${type}: ${message}` : type, max);
}

/** @param {string} text @param {number} max */
function truncate(text, max) {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * A value as JSON for --json output: dates as ISO strings, bytes as text, the SDK's $metadata
 * left out.
 * @param {unknown} value
 */
export function toJson(value) {
  return JSON.stringify(
    value,
    (key, item) => {
      if (key === "$metadata") return undefined;
      if (item instanceof Uint8Array) return decoder.decode(item);
      return item;
    },
    2,
  );
}

/** @param {number} count @param {string} noun */
export function plural(count, noun) {
  return count === 1 ? noun : `${noun}s`;
}
