import { createHash, createHmac, randomBytes, randomUUID } from "node:crypto";

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
 * Taken when this module loads: a replay check replaces `randomUUID` inside step bodies (its ESM
 * binding follows), and the service's own ids must stay random.
 */
const systemRandomUuid = randomUUID;

/**
 * Where the service's ids come from. Ids tied to an operation or an execution (callback ids,
 * function call ids, execution ARNs) are derived from a secret with HMAC-SHA256: unguessable
 * without the secret (design.md: callback ids of at least 128 random bits), yet the same in a fork
 * of the service (`DurableExecutionService.fork`), so that a replay check that redoes an operation
 * in a fork sees the id the first run saw. Each (execution, operation) gets one callback id and
 * one function call id, and each execution start one ARN, so no derived id is issued twice. The
 * other ids (tokens, request ids, generated names) are random, or, for a seeded source, derived
 * from the seed and a counter.
 */
export class IdSource {
  #secret: Buffer;
  /** Set for a seeded source: the ids made so far, from which the next is derived. */
  #counter: number | undefined;

  /**
   * @param seed derive every id, random ones included (tokens, request ids, execution names), from
   * this text and a counter, so a service driven alike makes the same ids (tests, recorded
   * histories). Without it ids are random, as a deployed service's must be.
   */
  constructor(seed?: string) {
    this.#secret =
      seed === undefined ? randomBytes(32) : createHash("sha256").update(seed).digest();
    this.#counter = seed === undefined ? undefined : 0;
  }

  /** A source deriving the same ids as this one, from here on. */
  copy(): IdSource {
    const copy = new IdSource();
    copy.#secret = this.#secret;
    copy.#counter = this.#counter;
    return copy;
  }

  /** A new UUID, for generated execution names and request ids. */
  uuid(): string {
    return this.#counter === undefined ? systemRandomUuid() : uuidOf(this.#next("uuid"));
  }

  /**
   * A new checkpoint token: 256 bits, base64url. Tokens are opaque and, unseeded, unguessable, so a
   * client can only use one the service gave it (protocol.md §2, token threading rule 5).
   */
  token(): string {
    return (this.#counter === undefined ? randomBytes(32) : this.#next("token")).toString(
      "base64url",
    );
  }

  /** protocol.md §3, §8: 192 bits, base64url (32 characters), safe in a URL path unescaped. */
  callbackId(executionArn: string, operationId: string): string {
    return this.derive("callback", executionArn, operationId).subarray(0, 24).toString("base64url");
  }

  /** The id of a plain function call that a CHAINED_INVOKE makes. */
  functionCallId(executionArn: string, operationId: string): string {
    return uuidOf(this.derive("function-call", executionArn, operationId));
  }

  /** The id in a new execution's ARN and its EXECUTION operation's id. */
  executionIds(
    functionArnValue: string,
    executionName: string,
    sequence: number,
  ): { executionId: string; executionOperationId: string } {
    const key = [functionArnValue, executionName, String(sequence)] as const;
    return {
      executionId: uuidOf(this.derive("execution", ...key)),
      executionOperationId: uuidOf(this.derive("execution-operation", ...key)),
    };
  }

  #next(kind: string): Buffer {
    this.#counter! += 1;
    return this.derive(kind, String(this.#counter));
  }

  private derive(kind: string, ...parts: string[]): Buffer {
    return createHmac("sha256", this.#secret)
      .update([kind, ...parts].join("\n"))
      .digest();
  }
}

/** 16 bytes of `digest` as a version 4 UUID, the shape of Lambda's execution ids. */
function uuidOf(digest: Buffer): string {
  const bytes = Buffer.from(digest.subarray(0, 16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
