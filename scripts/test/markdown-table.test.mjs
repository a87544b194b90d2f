import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../lib/cli.mjs";
import { displayWidth, renderMarkdownTable } from "../lib/markdown-table.mjs";

const biome = join(repoRoot, "node_modules", ".bin", "biome");

describe("displayWidth", () => {
  it("counts wide characters and emoji as two columns and combining marks as none", () => {
    expect(displayWidth("Hello, step")).toBe(11);
    expect(displayWidth("漢字")).toBe(4);
    expect(displayWidth("ＡＢ")).toBe(4);
    expect(displayWidth("ｱｲ")).toBe(2);
    expect(displayWidth("🚀")).toBe(2);
    expect(displayWidth("❤️")).toBe(2);
    expect(displayWidth("👍🏽")).toBe(2);
    expect(displayWidth("e\u0301")).toBe(1);
    expect(displayWidth("a\u200bb")).toBe(2);
    expect(displayWidth("✓ — ·")).toBe(5);
  });
});

describe("renderMarkdownTable", () => {
  const header = ["#", "Example", "What it shows"];
  const rows = [
    ["01", "[Hello, step](examples/01-hello-step)", "Steps \\| waits: 漢字 and 🚀 and café."],
    ["02", "[Ünïcödé](examples/02-x)", "Ｗide ｈalf ❤️ 👍🏽 e\u0301 ✓ — ·"],
  ];

  it("pads every column to its widest cell, at least three wide", () => {
    expect(renderMarkdownTable(["a", "bb"], [["xxxx", "y"]])).toBe(
      ["| a    | bb  |", "| ---- | --- |", "| xxxx | y   |"].join("\n"),
    );
  });

  it.skipIf(!existsSync(biome))("lays a table out exactly as biome format does", () => {
    const table = `${renderMarkdownTable(header, rows)}\n`;
    const formatted = spawnSync(biome, ["format", "--stdin-file-path=README.md"], {
      cwd: repoRoot,
      input: table,
      encoding: "utf8",
    });

    expect(formatted.status).toBe(0);
    expect(formatted.stdout).toBe(table);
  });
});
