// Option values durable checks before it calls Lambda, so a typo is a usage error naming the
// option and what it accepts, never a request the service rejects later.
import { readFileSync } from "node:fs";
import { UsageError } from "../cli.mjs";

/**
 * Parses a JSON document given on the command line.
 * @param {string} text
 * @param {string} option the option it came from, e.g. "--payload"
 * @returns {string} the text itself, checked
 */
export function requireJson(text, option) {
  try {
    JSON.parse(text);
    return text;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UsageError(
      `${option} is not valid JSON (${reason}). Pass a JSON document, e.g. ${option} '{"orderId":"o-1"}'.`,
      { cause: error },
    );
  }
}

/**
 * Reads a JSON file named on the command line.
 * @param {string} path
 * @param {string} option
 */
export function readJsonFile(path, option) {
  let text;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const reason = /** @type {NodeJS.ErrnoException} */ (error).code ?? String(error);
    throw new UsageError(`${option}: cannot read ${path} (${reason}).`, { cause: error });
  }
  return requireJson(text, `${option} ${path}`);
}

/**
 * An integer option within bounds.
 * @param {string | undefined} text
 * @param {string} option
 * @param {{ min: number, max?: number }} bounds
 * @returns {number | undefined} undefined when the option was not given
 */
export function parseInteger(text, option, { min, max = Number.MAX_SAFE_INTEGER }) {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `from ${min} to ${max}`;
    throw new UsageError(`${option} must be a whole number ${range}, got "${text}".`);
  }
  return value;
}

const RELATIVE_TIME = /^(\d+)(s|m|h|d|w)$/;
const UNIT_SECONDS = { s: 1, m: 60, h: 3_600, d: 86_400, w: 604_800 };

/**
 * A point in time: an ISO-8601 date or time (2025-12-01, 2025-12-01T10:00:00Z), or an age such
 * as 30m, 1h, 2d or 1w meaning that long before `now`.
 * @param {string | undefined} text
 * @param {string} option
 * @param {Date} now
 * @returns {Date | undefined}
 * @example parseTime("2h", "--since", now).getTime() === now.getTime() - 7_200_000
 */
export function parseTime(text, option, now) {
  if (text === undefined) return undefined;
  const relative = RELATIVE_TIME.exec(text.trim());
  if (relative) {
    const unit = /** @type {keyof typeof UNIT_SECONDS} */ (relative[2]);
    return new Date(now.getTime() - Number(relative[1]) * UNIT_SECONDS[unit] * 1000);
  }
  const date = /^\d{4}-\d{2}-\d{2}/.test(text) ? new Date(text) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) {
    throw new UsageError(
      `${option} must be an ISO-8601 time (2025-12-01 or 2025-12-01T10:00:00Z) or an age ` +
        `(30s, 15m, 1h, 2d, 1w), got "${text}".`,
    );
  }
  return date;
}

/**
 * A comma-separated list, each item one of `accepted` (case-insensitive).
 * @param {string | undefined} text
 * @param {string} option
 * @param {readonly string[]} accepted
 * @returns {string[] | undefined}
 */
export function parseList(text, option, accepted) {
  if (text === undefined) return undefined;
  const items = text
    .split(",")
    .map((item) => item.trim().toUpperCase())
    .filter((item) => item !== "");
  const unknown = items.filter((item) => !accepted.includes(item));
  if (items.length === 0 || unknown.length > 0) {
    const seen = unknown.length > 0 ? `"${unknown.join(",")}"` : "nothing";
    throw new UsageError(`${option} accepts ${accepted.join(", ")}; got ${seen}.`);
  }
  return [...new Set(items)];
}

// The Lambda API's pattern and length for DurableExecutionName (API_ListDurableExecutionsByFunction).
const EXECUTION_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/**
 * @param {string | undefined} name
 * @param {string} option
 */
export function checkExecutionName(name, option) {
  if (name !== undefined && !EXECUTION_NAME.test(name)) {
    throw new UsageError(
      `${option} "${name}" is not an execution name: use 1 to 64 letters, digits, "-" or "_".`,
    );
  }
  return name;
}
