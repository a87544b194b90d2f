import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkSurface, describeFailure } from "../src/check-surface.js";
import { writeSurfaces } from "./helpers.js";

const official = "export declare const version: string;\nexport declare function start(): void;\n";

function check(ours: string, list: string) {
  const entries = writeSurfaces(official, ours);
  const readme = path.join(entries.dir, "README.md");
  writeFileSync(readme, `# Runtime\n\n## Differences from the official SDK\n\n${list}\n`);
  const result = checkSurface(entries, readme);
  return { result, failure: describeFailure(result, readme) };
}

describe("checkSurface", () => {
  it("passes when every difference is listed, and keeps each one's reason", () => {
    const { result, failure } = check(
      "export declare function start(): void;\n",
      "- `version` — ours has no version to report.",
    );
    expect(failure).toBeUndefined();
    expect(result.listed).toEqual([
      {
        name: "version",
        problem: "missing: the official SDK exports it, ours does not.",
        reason: "ours has no version to report.",
      },
    ]);
  });

  it("fails on a difference the README does not list", () => {
    const { failure } = check("export declare function start(): void;\n", "");
    expect(failure).toContain("Not listed (make it match, or list it under");
    expect(failure).toContain("  version: missing: the official SDK exports it, ours does not.");
  });

  it("fails on a listed name that no longer differs", () => {
    const { result, failure } = check(official, "- `version` — ours has no version to report.");
    expect(result.stale).toEqual(["version"]);
    expect(failure).toContain(
      "Listed but no longer different (remove them from the list):\n  version",
    );
  });
});
