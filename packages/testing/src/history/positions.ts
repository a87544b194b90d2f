import { createHash } from "node:crypto";
import type { Operation } from "@aws-sdk/client-lambda";

/** protocol.md §4: the wire id of a step id, the first 16 hex characters of its MD5. */
function wireId(stepId: string): string {
  return createHash("md5").update(stepId).digest("hex").slice(0, 16);
}

/**
 * The position in the code ("3", "2-1": protocol.md §4 step ids) of each recorded operation,
 * by wire id. A wire id is a hash of the position, so each is found by trying the positions its
 * parent's children could have; an operation of a virtual (FLAT) context, whose parent is not
 * recorded, has none.
 */
export function positionsOf(operations: readonly Operation[]): Map<string, string> {
  const positions = new Map<string, string>();
  const children = new Map<string | undefined, number>();
  for (const operation of operations) {
    if (operation.Type === "EXECUTION" || operation.Id === undefined) continue;
    const parent = operation.ParentId === undefined ? "" : positions.get(operation.ParentId);
    if (parent === undefined) continue;
    const prefix = parent === "" ? "" : `${parent}-`;
    const siblings = (children.get(operation.ParentId) ?? 0) + 1;
    children.set(operation.ParentId, siblings);
    // Operations start in call order except when they run at once: look a little past.
    for (let n = 1; n <= siblings + 64; n++) {
      if (wireId(`${prefix}${n}`) === operation.Id) {
        positions.set(operation.Id, `${prefix}${n}`);
        break;
      }
    }
  }
  return positions;
}
