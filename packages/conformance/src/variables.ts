import { randomInt } from "node:crypto";
import { RequirementFileError } from "./errors.js";

/** Makes the value of `${GEN_STR:N}`: a string of `length` characters. */
export type StringGenerator = (length: number) => string;

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const GENERATOR = /\$\{GEN_STR:([^}]*)\}/g;
const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
/** A `${GEN_STR:N}` generates at most this many characters. */
const MAX_GENERATED_LENGTH = 10_000;

/**
 * A random string of ASCII letters and digits, the value of `${GEN_STR:N}`.
 *
 * @example
 * randomAlphanumeric(8); // "q3ZbT0aK"
 */
export const randomAlphanumeric: StringGenerator = (length) => {
  let text = "";
  for (let i = 0; i < length; i++) text += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return text;
};

/**
 * Reads the `Variables` mapping of a requirement and gives each variable its value: every
 * `${GEN_STR:N}` in the declared text becomes a fresh random string of length N, the rest of
 * the text is kept.
 *
 * @example
 * resolveVariables({ INPUT_1: "${GEN_STR:8}" }, "step/1-7.yaml"); // { INPUT_1: "q3ZbT0aK" }
 */
export function resolveVariables(
  declared: unknown,
  file: string,
  generate: StringGenerator = randomAlphanumeric,
): Record<string, string> {
  if (declared === undefined || declared === null) return {};
  if (!isPlainObject(declared)) {
    throw new RequirementFileError(
      file,
      "Variables",
      `must be a mapping of NAME: value, got ${describeType(declared)}.`,
    );
  }
  const variables: Record<string, string> = {};
  for (const [name, text] of Object.entries(declared)) {
    const field = `Variables.${name}`;
    if (!VARIABLE_NAME.test(name)) {
      throw new RequirementFileError(
        file,
        field,
        "a variable name must be letters, digits and underscores, not starting with a digit.",
      );
    }
    if (typeof text !== "string" && typeof text !== "number") {
      throw new RequirementFileError(
        file,
        field,
        `must be a string such as "\${GEN_STR:8}", got ${describeType(text)}.`,
      );
    }
    variables[name] = String(text).replace(GENERATOR, (_, length: string) => {
      const n = Number(length);
      if (!Number.isInteger(n) || n < 1 || n > MAX_GENERATED_LENGTH) {
        throw new RequirementFileError(
          file,
          field,
          `\${GEN_STR:${length}} needs a length from 1 to ${MAX_GENERATED_LENGTH}.`,
        );
      }
      return generate(n);
    });
  }
  return variables;
}

/**
 * Returns a copy of `value` with every `${NAME}` of a declared variable replaced by its value,
 * in every string at any depth (mapping keys are left alone). References to names that are not
 * variables stay as they are: they are placeholders for the matcher. `${GEN_STR:N}` outside
 * `Variables` is an error, because a value generated there could not be referred to again.
 */
export function expandVariables(
  value: unknown,
  variables: Readonly<Record<string, string>>,
  file: string,
  field: string,
): unknown {
  if (typeof value === "string") {
    if (value.includes("${GEN_STR:")) {
      throw new RequirementFileError(
        file,
        field,
        "${GEN_STR:N} is only expanded inside Variables; declare a variable and use ${NAME}.",
      );
    }
    return value.replace(REFERENCE, (whole, name: string) =>
      Object.hasOwn(variables, name) ? (variables[name] as string) : whole,
    );
  }
  if (Array.isArray(value)) {
    return value.map((item, i) => expandVariables(item, variables, file, `${field}[${i}]`));
  }
  if (isPlainObject(value)) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      copy[key] = expandVariables(item, variables, file, `${field}.${key}`);
    }
    return copy;
  }
  return value;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Names the kind of a YAML value for error messages: `a list`, `the number 3`, `nothing`. */
export function describeType(value: unknown): string {
  if (value === undefined || value === null) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
  return `the ${typeof value} ${String(value)}`;
}
