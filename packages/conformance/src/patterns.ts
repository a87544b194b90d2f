/**
 * The matching syntax of conformance/README.md inside expected values, in one place so that the
 * loader (which checks it) and the matcher (which applies it) read it the same way.
 */

/** `'*'`: any value, including a whole details object. */
export const ANY_VALUE = "*";

const PLACEHOLDER = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/;
const EMBEDDED_REGEX = /^\$\{\/(.*)\/\}$/s;
const LOG_REGEX = /^\/(.*)\/$/s;

/** The name of a placeholder written `${NAME}` as the whole value, or undefined. */
export function placeholderName(expected: unknown): string | undefined {
  return typeof expected === "string" ? PLACEHOLDER.exec(expected)?.[1] : undefined;
}

/** The regular expression of an expected value written `${/re/}`, or undefined. */
export function embeddedPattern(expected: unknown): string | undefined {
  return typeof expected === "string" ? EMBEDDED_REGEX.exec(expected)?.[1] : undefined;
}

/**
 * The regular expression of an ExpectedLogs match value written `/re/` (or `${/re/}`), or
 * undefined when the value is compared exactly.
 */
export function logPattern(expected: unknown): string | undefined {
  if (typeof expected !== "string") return undefined;
  return (LOG_REGEX.exec(expected) ?? EMBEDDED_REGEX.exec(expected))?.[1];
}
