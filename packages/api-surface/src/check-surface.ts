import { readFileSync } from "node:fs";
import {
  compareSurfaces,
  type SurfaceDifference,
  type SurfaceEntries,
} from "./compare-surfaces.js";
import { DIFFERENCES_HEADING, parseListedDifferences } from "./listed-differences.js";

export interface SurfaceCheck {
  /** What differs and is listed, with its reason. */
  listed: (SurfaceDifference & { reason: string })[];
  /** What differs and the README does not list: each fails the check. */
  unlisted: SurfaceDifference[];
  /** Names the README lists that no longer differ: each fails the check, so the list stays true. */
  stale: string[];
}

/** Compares the two surfaces and holds the result against the README's list. */
export function checkSurface(entries: SurfaceEntries, readmePath: string): SurfaceCheck {
  const listedByName = new Map<string, string>();
  for (const entry of parseListedDifferences(readFileSync(readmePath, "utf8"))) {
    for (const name of entry.names) listedByName.set(name, entry.reason);
  }
  const differences = compareSurfaces(entries);
  const found = new Set(differences.map((d) => d.name));
  return {
    listed: differences.flatMap((d) => {
      const reason = listedByName.get(d.name);
      return reason === undefined ? [] : [{ ...d, reason }];
    }),
    unlisted: differences.filter((d) => !listedByName.has(d.name)),
    stale: [...listedByName.keys()].filter((name) => !found.has(name)),
  };
}

/** The failure message of a check, or undefined when it passes. */
export function describeFailure(check: SurfaceCheck, readmePath: string): string | undefined {
  if (check.unlisted.length === 0 && check.stale.length === 0) return undefined;
  const lines = [
    `The runtime's API differs from the official SDK's beyond what ${readmePath} lists.`,
  ];
  if (check.unlisted.length > 0) {
    lines.push(
      `Not listed (make it match, or list it under "${DIFFERENCES_HEADING}" with the reason):`,
      ...check.unlisted.map((d) => `  ${d.name}: ${d.problem}`),
    );
  }
  if (check.stale.length > 0) {
    lines.push(
      "Listed but no longer different (remove them from the list):",
      ...check.stale.map((name) => `  ${name}`),
    );
  }
  return lines.join("\n");
}
