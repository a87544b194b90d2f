#!/usr/bin/env node
// example-index: regenerates the example table in the root README.md from each example's
// package.json (durableExample.title and description), and the deploy commands in each example's
// README from the same file (durableExample.deploy and functions), so none of them drift.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { displayPath, isMain, repoRoot, runCli, ScriptError } from "./lib/cli.mjs";
import { renderDeploySection, replaceDeploySection } from "./lib/deploy-section.mjs";
import { readExampleDeployment } from "./lib/example-deploy.mjs";
import { renderMarkdownTable } from "./lib/markdown-table.mjs";

export const START_MARKER = "<!-- examples:start -->";
export const END_MARKER = "<!-- examples:end -->";

const USAGE = `usage: pnpm example-index [--check] [--root <dir>]

Rewrites the table between ${START_MARKER} and ${END_MARKER} in README.md
from examples/*/package.json (durableExample.title and description), and the deploy commands
between <!-- deploy:start --> and <!-- deploy:end --> in each example's README from
durableExample.deploy and durableExample.functions (a README without them gets them under its
"## Deploy" heading).
  --check       change nothing; exit 1 if anything is out of date (for CI)
  --root <dir>  the repository to index (default: this one)
  -h, --help    show this help`;

/**
 * @typedef {object} ExampleEntry
 * @property {string} folder e.g. "01-hello-step"
 * @property {string} title durableExample.title
 * @property {string} description package.json description
 */

/**
 * Reads every examples/<folder>/package.json, in folder order.
 * @param {string} examplesDir
 * @returns {ExampleEntry[]}
 */
export function readExamples(examplesDir) {
  if (!existsSync(examplesDir)) {
    throw new ScriptError(
      `${displayPath(examplesDir)} does not exist; there are no examples to index.`,
    );
  }
  const folders = readdirSync(examplesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith("."))
    .map((entry) => entry.name)
    .sort();
  const misnamed = folders.find((folder) => !/^\d{2}-[a-z0-9-]+$/.test(folder));
  if (misnamed !== undefined) {
    throw new ScriptError(
      `${displayPath(join(examplesDir, misnamed))} is not named NN-concept (e.g. 04-saga); ` +
        "every folder in examples/ is an example.",
    );
  }
  return folders.map((folder) => {
    const manifestPath = join(examplesDir, folder, "package.json");
    const where = displayPath(manifestPath);
    if (!existsSync(manifestPath)) {
      throw new ScriptError(`${where} is missing; every example folder needs one.`);
    }
    /** @type {{ description?: unknown, durableExample?: { title?: unknown } }} */
    let manifest;
    try {
      manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
    } catch (error) {
      throw new ScriptError(`${where} is not valid JSON: ${/** @type {Error} */ (error).message}`, {
        cause: error,
      });
    }
    const title = manifest.durableExample?.title;
    const description = manifest.description;
    if (typeof title !== "string" || title.trim() === "") {
      throw new ScriptError(`${where} needs "durableExample": { "title": "..." }, a short title.`);
    }
    if (typeof description !== "string" || description.trim() === "") {
      throw new ScriptError(`${where} needs "description", one sentence on what it shows.`);
    }
    return { folder, title: title.trim(), description: description.trim() };
  });
}

/**
 * The markdown table of examples, without the markers, laid out as Biome formats it.
 * @param {ExampleEntry[]} examples
 * @returns {string}
 * @example renderExampleTable([{ folder: "01-hello-step", title: "Hello, step", description: "..." }])
 */
export function renderExampleTable(examples) {
  return renderMarkdownTable(
    ["#", "Example", "What it shows"],
    examples.map(({ folder, title, description }) => [
      folder.slice(0, 2),
      `[${cell(title)}](examples/${folder})`,
      cell(description),
    ]),
  );
}

/** Markdown table cells end at "|" and at line breaks. @param {string} text */
function cell(text) {
  return text.replace(/\s+/g, " ").replaceAll("|", "\\|");
}

/**
 * Returns `readme` with the text between the markers replaced by `table`.
 * @param {string} readme
 * @param {string} table
 * @param {string} [name] how to call the file in errors
 */
export function replaceExampleBlock(readme, table, name = "README.md") {
  const start = readme.indexOf(START_MARKER);
  const end = readme.indexOf(END_MARKER);
  if (start < 0 || end < 0) {
    const missing = [start < 0 && START_MARKER, end < 0 && END_MARKER]
      .filter(Boolean)
      .join(" and ");
    throw new ScriptError(
      `${name} has no ${missing}. Put the two markers on their own lines where the example ` +
        `table belongs:\n${START_MARKER}\n${END_MARKER}`,
    );
  }
  if (end < start || readme.indexOf(START_MARKER, start + 1) >= 0) {
    throw new ScriptError(
      `${name} must have exactly one ${START_MARKER}, followed by ${END_MARKER}.`,
    );
  }
  return `${readme.slice(0, start + START_MARKER.length)}\n${table}\n${readme.slice(end)}`;
}

/**
 * Brings the README's example table and every example's Deploy commands up to date, or with
 * `check` only reports whether they are.
 * @param {{ root?: string, check?: boolean }} [options] root: the repository root
 * @returns {{ readmePath: string, count: number, upToDate: boolean, outdated: string[] }}
 *   upToDate and outdated (the files that were or would be rewritten): as found
 */
export function updateExampleIndex({ root = repoRoot, check = false } = {}) {
  const readmePath = join(root, "README.md");
  if (!existsSync(readmePath)) throw new ScriptError(`${displayPath(readmePath)} does not exist.`);
  const examples = readExamples(join(root, "examples"));
  /** @type {Array<[string, string]>} */
  const updates = [];
  const readme = readFileSync(readmePath, "utf8");
  updates.push([
    readmePath,
    replaceExampleBlock(readme, renderExampleTable(examples), displayPath(readmePath)),
  ]);
  for (const { folder } of examples) {
    const exampleDir = join(root, "examples", folder);
    const path = join(exampleDir, "README.md");
    if (!existsSync(path)) throw new ScriptError(`${displayPath(path)} is missing.`);
    const section = renderDeploySection(readExampleDeployment(exampleDir));
    updates.push([
      path,
      replaceDeploySection(readFileSync(path, "utf8"), section, displayPath(path)),
    ]);
  }
  const outdated = updates
    .filter(([path, text]) => readFileSync(path, "utf8") !== text)
    .map(([path]) => path);
  if (!check) {
    for (const [path, text] of updates) if (outdated.includes(path)) writeFileSync(path, text);
  }
  return { readmePath, count: examples.length, upToDate: outdated.length === 0, outdated };
}

if (isMain(import.meta.url)) {
  await runCli(
    {
      tool: "example-index",
      usage: USAGE,
      options: { check: { type: "boolean" }, root: { type: "string" } },
    },
    ({ values }) => {
      const check = values.check === true;
      const root = resolve(/** @type {string} */ (values.root ?? repoRoot));
      const { count, upToDate, outdated } = updateExampleIndex({ root, check });
      const examples = count === 1 ? "1 example" : `${count} examples`;
      const files = outdated.map((path) => displayPath(path)).join(", ");
      if (upToDate) {
        console.error(
          `[example-index] the example table and Deploy sections are up to date (${examples})`,
        );
      } else if (!check) {
        console.error(`[example-index] updated ${files} (${examples})`);
      } else {
        throw new ScriptError(
          `${files} ${outdated.length === 1 ? "is" : "are"} out of date with examples/*/package.json. ` +
            "Run pnpm example-index and commit the result.",
        );
      }
    },
  );
}
