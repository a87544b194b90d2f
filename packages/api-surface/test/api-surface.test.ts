import { describe, expect, it } from "vitest";
import { checkSurface, describeFailure } from "../src/check-surface.js";
import { installedEntries, runtimeReadme } from "../src/entries.js";

describe("the runtime's API surface", () => {
  it("matches the official SDK's apart from the differences its README lists, none stale", () => {
    const readme = runtimeReadme();
    const check = checkSurface(installedEntries(), readme);
    // The message lists every unlisted difference and stale entry, with what to do.
    expect(describeFailure(check, readme)).toBeUndefined();
    // The list is non-empty, so the comparison found (and matched) real differences.
    expect(check.listed.length).toBeGreaterThan(0);
  });
});
