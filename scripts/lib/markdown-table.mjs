// Markdown tables laid out the way Biome's markdown formatter lays them out (`pnpm lint` runs
// `biome check`): every column padded to its widest cell, at least 3 wide, in terminal columns.

/** Code points that take two columns: East Asian wide and fullwidth blocks. */
const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe19\ufe30-\ufe6f\uff00-\uff60\uffe0-\uffe6\u{1f900}-\u{1f9ff}\u{20000}-\u{2fffd}\u{30000}-\u{3fffd}]/u;
const EMOJI = /\p{Emoji_Presentation}|\p{Extended_Pictographic}\ufe0f/u;
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}]/u;
const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });

/**
 * Columns `text` takes in a terminal: 2 for wide characters and emoji, 0 for combining marks and
 * format characters, 1 otherwise, counted per grapheme.
 * @param {string} text
 */
export function displayWidth(text) {
  let width = 0;
  for (const { segment } of graphemes.segment(text)) {
    if (EMOJI.test(segment) || WIDE.test(segment.charAt(0))) width += 2;
    else if (!ZERO_WIDTH.test(segment)) width += 1;
  }
  return width;
}

/**
 * A markdown table with padded columns. Cells are used as given: escape "|" beforehand.
 * @param {string[]} header
 * @param {string[][]} rows each as long as `header`
 * @returns {string} the table's lines joined with "\n", without a trailing newline
 * @example renderMarkdownTable(["#", "Name"], [["01", "Hello"]])
 */
export function renderMarkdownTable(header, rows) {
  const widths = header.map((_, column) =>
    Math.max(3, ...[header, ...rows].map((row) => displayWidth(row[column] ?? ""))),
  );
  const line = (/** @type {string[]} */ cells) =>
    `| ${cells.map((cell, i) => cell + " ".repeat((widths[i] ?? 0) - displayWidth(cell))).join(" | ")} |`;
  const rule = `| ${widths.map((width) => "-".repeat(width)).join(" | ")} |`;
  return [line(header), rule, ...rows.map(line)].join("\n");
}
