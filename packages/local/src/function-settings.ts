import { describeValue, InvalidParameterValueError, isIntegerIn } from "@durable-examples/service";
import type { CreateFunctionInput, FunctionSettings } from "./function-store.js";

// The checks of what CreateFunction and UpdateFunctionConfiguration send, worded as Lambda's
// InvalidParameterValueException, naming the field, the value seen and what is allowed.

/** Lambda's tag rules: at most 50 per function, keys 1–128 characters, values up to 256. */
export const MAX_TAGS = 50;

export function tagsOf(value: unknown): Record<string, string> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new InvalidParameterValueError(
      `Tags must be an object of tag keys to string values, got ${describeValue(value)}.`,
    );
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > MAX_TAGS) {
    throw new InvalidParameterValueError(
      `A function has at most ${MAX_TAGS} tags, got ${entries.length}.`,
    );
  }
  for (const [key, tagValue] of entries) {
    if (key.length < 1 || key.length > 128 || key.toLowerCase().startsWith("aws:")) {
      throw new InvalidParameterValueError(
        `Tag key ${describeValue(key)} is not allowed: a key has 1 to 128 characters and does not start with "aws:".`,
      );
    }
    if (typeof tagValue !== "string" || tagValue.length > 256) {
      throw new InvalidParameterValueError(
        `Tag ${describeValue(key)} must have a string value of at most 256 characters, got ${describeValue(tagValue)}.`,
      );
    }
  }
  return Object.fromEntries(entries) as Record<string, string>;
}

export function durableConfigOf(value: unknown): Pick<FunctionSettings, "durableConfig"> {
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value)) {
    throw new InvalidParameterValueError(
      `DurableConfig must be an object {ExecutionTimeout, RetentionPeriodInDays?, KMSKeyArn?}, got ${describeValue(value)}.`,
    );
  }
  const {
    ExecutionTimeout: timeout,
    RetentionPeriodInDays: retention,
    KMSKeyArn: kmsKeyArn,
  } = value as Record<string, unknown>;
  // Lambda requires ExecutionTimeout in every DurableConfig it is given.
  if (!isIntegerIn(timeout, 1, 31_622_400)) {
    throw new InvalidParameterValueError(
      `DurableConfig.ExecutionTimeout is required: whole seconds from 1 to 31622400 (366 days) that an execution may run, got ${describeValue(timeout)}.`,
    );
  }
  const config: NonNullable<FunctionSettings["durableConfig"]> = {
    ExecutionTimeout: timeout as number,
  };
  if (kmsKeyArn !== undefined) {
    // Accepted and reported back; the local service does not encrypt what it stores.
    if (typeof kmsKeyArn !== "string" || !KMS_KEY_ARN_PATTERN.test(kmsKeyArn)) {
      throw new InvalidParameterValueError(
        `DurableConfig.KMSKeyArn must be a KMS key ARN such as arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab, got ${describeValue(kmsKeyArn)}.`,
      );
    }
    config.KMSKeyArn = kmsKeyArn;
  }
  if (retention !== undefined) {
    if (!isIntegerIn(retention, 1, 90)) {
      throw new InvalidParameterValueError(
        `DurableConfig.RetentionPeriodInDays must be an integer from 1 to 90, got ${describeValue(retention)}.`,
      );
    }
    config.RetentionPeriodInDays = retention as number;
  }
  return { durableConfig: config };
}

const KMS_KEY_ARN_PATTERN =
  /^arn:aws[a-zA-Z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/[a-zA-Z0-9/_-]+$/;

/**
 * A Handler is `<file>.<export>` with `<file>` a path inside the package: no `..`, `.` or empty
 * segments, not absolute, no backslashes, so it can never name a module outside the package.
 */
export function checkHandler(handler: string): void {
  if (!/^[^\s.][^\s]*\.[A-Za-z_$][\w$]*$/.test(handler)) {
    throw new InvalidParameterValueError(
      `Handler must be "<file>.<export>" such as "index.handler", got "${handler}".`,
    );
  }
  const file = handler.slice(0, handler.lastIndexOf("."));
  if (file.includes("\\") || file.split("/").some((part) => ["", ".", ".."].includes(part))) {
    throw new InvalidParameterValueError(
      `Handler "${handler}" must name a file inside the package, such as "index.handler" or "lib/app.handler": no "..", "." or empty path segments, no leading "/" and no "\\".`,
    );
  }
}

/** The settings every function has, durable or not. */
type PlainSettings = Omit<FunctionSettings, "durableConfig">;

/**
 * The plain settings CreateFunction or UpdateFunctionConfiguration sends, each one left out taken
 * from `current` (the defaults, or what `$LATEST` has).
 */
export function plainSettingsOf(input: CreateFunctionInput, current: PlainSettings): PlainSettings {
  const handler = optionalString(input.Handler, "Handler") ?? current.handler;
  checkHandler(handler);
  return {
    handler,
    role: optionalString(input.Role, "Role") ?? current.role,
    runtime: optionalString(input.Runtime, "Runtime") ?? current.runtime,
    description: optionalString(input.Description, "Description") ?? current.description,
    timeout: optionalInteger(input.Timeout, "Timeout", 1, 900) ?? current.timeout,
    memorySize: optionalInteger(input.MemorySize, "MemorySize", 128, 10_240) ?? current.memorySize,
  };
}

export function optionalString(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") {
    throw new InvalidParameterValueError(`${field} must be a string, got ${describeValue(value)}.`);
  }
  return value;
}

export function optionalInteger(value: unknown, field: string, min: number, max: number) {
  if (value === undefined || value === null) return undefined;
  if (!isIntegerIn(value, min, max)) {
    throw new InvalidParameterValueError(
      `${field} must be an integer from ${min} to ${max}, got ${describeValue(value)}.`,
    );
  }
  return value as number;
}

/** Lambda's `LastModified` format: `2025-01-01T00:00:00.000+0000`. */
export function lastModified(): string {
  return new Date().toISOString().replace("Z", "+0000");
}
