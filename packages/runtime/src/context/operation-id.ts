import { createHash } from "node:crypto";

/**
 * The wire id of an operation: the lowercase hex MD5 of its step id ("1", "2-1", ...), cut to 16
 * characters (protocol.md §4). The official SDK derives ids the same way, so executions it wrote
 * replay here and the other way round.
 */
export function wireId(stepId: string): string {
  return createHash("md5").update(stepId).digest("hex").slice(0, 16);
}
