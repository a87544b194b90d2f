import { createHash, randomBytes, randomUUID } from "node:crypto";

/** protocol.md §3/§7: operation `Id` and `ParentId`. */
export const OPERATION_ID_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;
/** protocol.md §7: operation `Name`, 1–256 printable ASCII characters. */
export const OPERATION_NAME_PATTERN = /^[\x20-\x7E]{1,256}$/;
/** Lambda API reference: `DurableExecutionName` is `[a-zA-Z0-9-_]{1,64}`. */
export const EXECUTION_NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;
/** Lambda API reference: an unqualified function name. */
export const FUNCTION_NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;

/**
 * A chained invoke's target (protocol.md §3 `ChainedInvokeOptions.FunctionName`): a function name,
 * `name:qualifier`, or a function ARN with or without a qualifier.
 */
export const INVOKE_TARGET_PATTERN =
  /^(?:arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:\d{12}:function:)?[a-zA-Z0-9_-]{1,64}(?::[a-zA-Z0-9$_-]{1,128})?$/;

/** The unpublished version, which an execution runs unless it was started on a published one. */
export const FUNCTION_VERSION = "$LATEST";

/** `arn:aws:lambda:{region}:{account}:function:{name}`. */
export function functionArn(region: string, accountId: string, functionName: string): string {
  return `arn:aws:lambda:${region}:${accountId}:function:${functionName}`;
}

/**
 * The Lambda API reference's pattern for `DurableExecutionArn`:
 * `…:function:{name}:{version}/durable-execution/{executionName}/{id}`.
 */
export function executionArn(
  functionArnValue: string,
  executionName: string,
  executionId: string,
  version: string = FUNCTION_VERSION,
): string {
  return `${functionArnValue}:${version}/durable-execution/${executionName}/${executionId}`;
}

/**
 * The function name inside a function ARN (qualified with `:$LATEST` or not), or the input
 * itself when it is not an ARN. Returns undefined for an ARN of another region or account.
 */
export function functionNameOf(
  nameOrArn: string,
  region: string,
  accountId: string,
): string | undefined {
  if (!nameOrArn.startsWith("arn:")) return nameOrArn;
  const match = /^arn:aws:lambda:([^:]+):(\d{12}):function:([^:]+)(?::\$LATEST)?$/.exec(nameOrArn);
  if (match === null || match[1] !== region || match[2] !== accountId) return undefined;
  return match[3];
}

/**
 * The function name and qualifier of a chained invoke's target (see {@link INVOKE_TARGET_PATTERN}),
 * or undefined for an ARN of another region or account, or a malformed target.
 */
export function invokeTargetOf(
  target: string,
  region: string,
  accountId: string,
): { name: string; qualifier?: string } | undefined {
  const match =
    /^(?:arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):(\d{12}):function:)?([a-zA-Z0-9_-]{1,64})(?::([a-zA-Z0-9$_-]{1,128}))?$/.exec(
      target,
    );
  if (match === null) return undefined;
  const [, targetRegion, targetAccount, name, qualifier] = match;
  if (targetRegion !== undefined && (targetRegion !== region || targetAccount !== accountId)) {
    return undefined;
  }
  return qualifier === undefined ? { name: name! } : { name: name!, qualifier };
}

/**
 * The name of the durable execution a chained invoke starts: derived from the calling execution
 * and operation, so starting it again is idempotent (protocol.md §8 Invoke: same name and payload
 * return the existing execution), and within `[a-zA-Z0-9-_]{1,64}`.
 */
export function chainedExecutionName(callerArn: string, operationId: string): string {
  const digest = createHash("sha256").update(`${callerArn}\n${operationId}`).digest("hex");
  return `invoke-${digest.slice(0, 40)}`;
}

/**
 * A new callback id (protocol.md §3, design.md): 192 random bits from the system's CSPRNG,
 * base64url (32 characters), so it is unguessable and safe in a URL path unescaped (§8).
 */
export function newCallbackId(): string {
  return randomBytes(24).toString("base64url");
}

/**
 * A new checkpoint token: 256 random bits, base64url. Tokens are opaque and unguessable, so a
 * client can only use one the service gave it (protocol.md §2, token threading rule 5).
 */
export function newCheckpointToken(): string {
  return randomBytes(32).toString("base64url");
}

/** A random UUID, for execution ids, names, EXECUTION operation ids and request ids. */
export function newUuid(): string {
  return randomUUID();
}
