import * as crypto from "node:crypto";

/**
 * The wire id of an operation: the lowercase hex MD5 of its step id ("1", "2-1", ...), cut to 16
 * characters (protocol.md §4). The official SDK derives ids the same way, so executions it wrote
 * replay here and the other way round.
 */
export function wireId(stepId: string): string {
  let id = cache.get(stepId);
  if (id === undefined) {
    id = md5Hex(stepId).slice(0, 16);
    // Every replay hashes the same step ids again; a bounded cache keeps that off the hot path.
    if (cache.size >= MAX_CACHED_IDS) cache.clear();
    cache.set(stepId, id);
  }
  return id;
}

// `crypto.hash` (Node 20.12 and later) hashes in one call, at about a third of the cost of a
// `Hash` object: it is what a cold start replaying thousands of operations pays for most.
const md5Hex: (text: string) => string = crypto.hash
  ? (text) => crypto.hash("md5", text)
  : (text) => crypto.createHash("md5").update(text).digest("hex");

const MAX_CACHED_IDS = 100_000;
const cache = new Map<string, string>();
