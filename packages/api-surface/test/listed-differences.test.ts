import { describe, expect, it } from "vitest";
import { parseListedDifferences } from "../src/listed-differences.js";

const readme = (list: string) =>
  `# Runtime\n\n## Differences from the official SDK\n\nWhy these differ:\n\n${list}\n\n## Next\n\n- \`notAnEntry\` — after the section\n`;

describe("parseListedDifferences", () => {
  it("reads each item's names and reason, and stops at the next section", () => {
    const list =
      "- `SDK_VERSION` — internal to the official SDK.\n- `Plugin`, `Plugin.name` — no plugins here.";
    expect(parseListedDifferences(readme(list))).toEqual([
      { names: ["SDK_VERSION"], reason: "internal to the official SDK.", line: 7 },
      { names: ["Plugin", "Plugin.name"], reason: "no plugins here.", line: 8 },
    ]);
  });

  it("rejects an item without a reason, naming its line", () => {
    expect(() => parseListedDifferences(readme("- `SDK_VERSION`"))).toThrow(
      'Failed to read the differences: line 7 is not "- `name` — reason"',
    );
  });

  it("rejects a name listed twice", () => {
    const list = "- `A` — one reason.\n- `B`, `A` — another.";
    expect(() => parseListedDifferences(readme(list))).toThrow(
      "Failed to read the differences: `A` is listed on line 7 and again on line 8.",
    );
  });

  it("rejects a README without the section", () => {
    expect(() => parseListedDifferences("# Runtime\n")).toThrow(
      'the README has no "## Differences from the official SDK" section',
    );
  });
});
