#!/usr/bin/env node
// new-example: scaffolds examples/NN-<concept-name>/ with a one-step handler, a test with a replay
// check and a README in the order style.md gives, ready to be turned into the concept.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { displayPath, isMain, repoRoot, runCli, ScriptError, UsageError } from "./lib/cli.mjs";
import { exampleFiles } from "./lib/example-files.mjs";

const USAGE = `usage: pnpm new-example <concept-name> [--title "..."] [--examples-dir <dir>]

Creates examples/NN-<concept-name>/, where NN is one more than the highest example number.
  <concept-name>  kebab-case: lowercase letters and digits, words joined by single hyphens,
                  without the number (e.g. saga, fan-out, wait-for-callback)
  --title         the title in the README and the example index (default: from the name)
  --examples-dir  where to create it (default: examples/ in this repository)
  -h, --help      show this help`;

const CONCEPT_NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const NUMBERED_FOLDER = /^(\d{2})-(.+)$/;
const MAX_NAME_LENGTH = 50;
const defaultExamplesDir = join(repoRoot, "examples");

/**
 * Throws a UsageError unless `name` is a concept name new-example accepts.
 * @param {string} name
 */
export function validateConceptName(name) {
  if (/^\d{2}-/.test(name)) {
    throw new UsageError(
      `Concept name "${name}" starts with a number; leave it out, new-example picks the next one.`,
    );
  }
  if (!CONCEPT_NAME.test(name)) {
    throw new UsageError(
      `Concept name "${name}" is not kebab-case: use lowercase letters and digits, words joined ` +
        `by single hyphens (e.g. fan-out).`,
    );
  }
  if (name.length > MAX_NAME_LENGTH) {
    throw new UsageError(
      `Concept name "${name}" has ${name.length} characters; at most ${MAX_NAME_LENGTH} are allowed.`,
    );
  }
}

/**
 * "wait-for-callback" -> "Wait for callback".
 * @param {string} name
 */
export function titleFromName(name) {
  const words = name.split("-").join(" ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * @typedef {object} CreateExampleOptions
 * @property {string} name concept name, e.g. "saga"
 * @property {string} [title] default: titleFromName(name)
 * @property {string} [examplesDir] default: the repository's examples/
 */

/**
 * Writes a new example folder and returns where. Refuses a concept that already has an example
 * and never overwrites a folder.
 * @param {CreateExampleOptions} options
 * @returns {{ dir: string, folder: string, number: string, packageName: string, title: string }}
 * @example createExample({ name: "saga", title: "Compensating with a saga" }).folder === "04-saga"
 */
export function createExample({ name, title, examplesDir = defaultExamplesDir }) {
  validateConceptName(name);
  const exampleTitle = title?.trim() || titleFromName(name);
  const existing = existsSync(examplesDir) ? readdirSync(examplesDir) : [];
  const numbered = existing.map((folder) => NUMBERED_FOLDER.exec(folder)).filter((m) => m !== null);
  const clash = numbered.find((match) => match[2] === name);
  if (clash) {
    throw new ScriptError(
      `Failed to create "${name}": ${displayPath(join(examplesDir, clash[0]))} already exists. ` +
        `Choose another concept name.`,
    );
  }
  const next = Math.max(0, ...numbered.map((match) => Number(match[1]))) + 1;
  if (next > 99) {
    throw new ScriptError(`Failed to create "${name}": examples 01 to 99 are all taken.`);
  }
  const number = String(next).padStart(2, "0");
  const folder = `${number}-${name}`;
  const dir = join(examplesDir, folder);
  const packageName = `@durable-examples/${folder}`;

  mkdirSync(examplesDir, { recursive: true });
  try {
    mkdirSync(dir); // not recursive: fails if the folder appeared meanwhile, so nothing is overwritten
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code !== "EEXIST") throw error;
    throw new ScriptError(`Failed to create ${displayPath(dir)}: it already exists.`, {
      cause: error,
    });
  }
  const files = exampleFiles({ folder, number, packageName, title: exampleTitle });
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content, { flag: "wx" });
  }
  return { dir, folder, number, packageName, title: exampleTitle };
}

if (isMain(import.meta.url)) {
  await runCli(
    {
      tool: "new-example",
      usage: USAGE,
      allowPositionals: true,
      options: { title: { type: "string" }, "examples-dir": { type: "string" } },
    },
    ({ values, positionals }) => {
      const [name, ...extra] = positionals;
      if (name === undefined || extra.length > 0) {
        throw new UsageError(`Expected one concept name, got ${positionals.length}.`);
      }
      const example = createExample({
        name,
        title: /** @type {string | undefined} */ (values.title),
        examplesDir: resolve(/** @type {string} */ (values["examples-dir"] ?? defaultExamplesDir)),
      });
      console.error(`[new-example] created ${displayPath(example.dir)}`);
      console.error(
        [
          "Next:",
          "  pnpm install",
          `  pnpm --filter ${example.packageName} record-histories`,
          `  pnpm --filter ${example.packageName} test`,
          "Then turn the handler, its test and README.md into the concept, describe it in",
          "package.json (description, durableExample.title, durableExample.deploy.executionTimeout)",
          "and run pnpm example-index.",
        ].join("\n"),
      );
    },
  );
}
