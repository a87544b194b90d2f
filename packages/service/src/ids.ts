import { randomBytes, randomUUID } from "node:crypto";

/** protocol.md §3/§7: operation `Id` and `ParentId`. */
export const OPERATION_ID_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;
/** protocol.md §7: operation `Name`, 1–256 printable ASCII characters. */
export const OPERATION_NAME_PATTERN = /^[\x20-\x7E]{1,256}$/;
/** Lambda API reference: `DurableExecutionName` is `[a-zA-Z0-9-_]{1,64}`. */
export const EXECUTION_NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;
/** Lambda API reference: an unqualified function name. */
export const FUNCTION_NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;

/** Every execution runs the unpublished version: the emulator has no versions or aliases. */
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
): string {
  return `${functionArnValue}:${FUNCTION_VERSION}/durable-execution/${executionName}/${executionId}`;
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
