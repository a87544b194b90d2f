#!/usr/bin/env node
// copy-example: writes an example out as a project of its own, which installs, builds, tests and
// bundles outside this repository: the shared packages it uses packed into vendor/, real version
// ranges, its own tsconfig, and the same bundler script the repository builds it with.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { isAbsolute, join, relative, resolve } from "node:path";
import { displayPath, isMain, repoRoot, runCli, ScriptError, UsageError } from "./lib/cli.mjs";

const SDKS = ["ours", "official"];
const OUR_RUNTIME = "@durable-examples/runtime";
const OFFICIAL_SDK = "@aws/durable-execution-sdk-js";
// Replaced in the copy by its own scripts/ folder (SCRIPT_FILES).
const REPOSITORY_SCRIPTS = "@durable-examples/scripts";
// What the copy needs of scripts/: the bundler behind `pnpm build` and the history recorder, with
// the helpers they import. Copied, not rewritten, so the copy builds exactly as the repository does.
const SCRIPT_FILES = [
  "build-example.mjs",
  "record-histories.mjs",
  "lib/cli.mjs",
  "lib/bundle-breakdown.mjs",
  "lib/zip.mjs",
];
// Left behind: installed or built again in the copy.
const SKIPPED = new Set(["node_modules", "dist", ".turbo", "package.json", "tsconfig.json"]);

const USAGE = `usage: pnpm copy-example <example> <dir> [--sdk ours|official]

Writes examples/<example> (its folder name or number) into <dir>, a new or empty folder outside
this repository, as a project of its own: npm install, npm test and npm run build work there.
The shared packages it uses are packed into <dir>/vendor (run pnpm build first).

  --sdk ours      the handler runs on @durable-examples/runtime, vendored (default)
  --sdk official  the handler runs on @aws/durable-execution-sdk-js from the npm registry; the
                  import is the only change, and @durable-examples/testing still tests it
  -h, --help      show this help`;

/**
 * @typedef {object} CopyResult
 * @property {string} example the example's folder name
 * @property {string} targetDir absolute path of the copy
 * @property {string[]} vendored the tarballs in vendor/, by file name
 * @property {Record<string, string>} dependencies the copy's package.json dependencies
 * @property {Record<string, string>} devDependencies the copy's package.json devDependencies
 */

/**
 * Copies one example out of the repository. Prints nothing; the caller reports.
 * @param {string} query the example's folder name ("03-wait") or number ("3", "03")
 * @param {string} targetDir a folder that does not exist yet or is empty, outside the repository
 * @param {{ sdk?: string, root?: string }} [options]
 * @returns {CopyResult}
 * @example copyExample("01-hello-step", "/tmp/hello", { sdk: "official" });
 */
export function copyExample(query, targetDir, { sdk = "ours", root = repoRoot } = {}) {
  if (!SDKS.includes(sdk)) {
    throw new UsageError(`--sdk must be one of ${SDKS.join(", ")}, got "${sdk}".`);
  }
  const example = findExample(join(root, "examples"), query);
  const exampleDir = join(root, "examples", example);
  const target = resolve(targetDir);
  checkTarget(target, root);

  const manifest = readJson(join(exampleDir, "package.json"));
  const packages = workspacePackages(root);
  const dependencies = rewriteDependencies(manifest.dependencies, packages, sdk, root);
  const devDependencies = {
    ...rewriteDependencies(manifest.devDependencies, packages, sdk, root),
    ...toolVersions(root),
  };
  const vendored = vendorPackages(
    [...Object.keys(dependencies), ...Object.keys(devDependencies)],
    packages,
    join(target, "vendor"),
  );
  for (const [name, tarball] of vendored) {
    const where = name in dependencies ? dependencies : devDependencies;
    where[name] = `file:vendor/${tarball}`;
  }

  cpSync(exampleDir, target, {
    recursive: true,
    filter: (source) => source === exampleDir || !SKIPPED.has(relative(exampleDir, source)),
  });
  for (const file of SCRIPT_FILES) {
    mkdirSync(join(target, "scripts", "lib"), { recursive: true });
    cpSync(join(root, "scripts", file), join(target, "scripts", file));
  }
  if (sdk === "official") switchToOfficialSdk(target, root);

  writeJson(join(target, "package.json"), {
    name: example,
    version: manifest.version ?? "0.1.0",
    private: true,
    type: "module",
    description: manifest.description,
    license: "MIT",
    engines: readJson(join(root, "package.json")).engines,
    scripts: {
      build: "node scripts/build-example.mjs",
      test: "vitest run",
      typecheck: "tsc -p tsconfig.json",
      "record-histories": "node scripts/record-histories.mjs .",
    },
    dependencies: sorted(dependencies),
    devDependencies: sorted(devDependencies),
  });
  writeJson(join(target, "tsconfig.json"), standaloneTsconfig(exampleDir, root));
  writeFileSync(join(target, ".gitignore"), "node_modules/\ndist/\n");
  cpSync(join(root, "LICENSE"), join(target, "LICENSE"));
  const readme = readFileSync(join(exampleDir, "README.md"), "utf8");
  writeFileSync(join(target, "README.md"), `${readme.trimEnd()}\n\n${copyNote(example, sdk)}`);

  return {
    example,
    targetDir: target,
    vendored: [...vendored.values()],
    dependencies,
    devDependencies,
  };
}

/** @param {string} examplesDir @param {string} query */
function findExample(examplesDir, query) {
  const examples = readdirSync(examplesDir)
    .filter((name) => existsSync(join(examplesDir, name, "package.json")))
    .sort();
  const matches = examples.filter(
    (name) => name === query || (/^\d+$/.test(query) && Number(name.slice(0, 2)) === Number(query)),
  );
  if (matches.length !== 1) {
    throw new UsageError(
      `There is no example "${query}". Name one by folder or number: ${examples.join(", ")}.`,
    );
  }
  return /** @type {string} */ (matches[0]);
}

/** @param {string} target @param {string} root */
function checkTarget(target, root) {
  const inside = relative(root, target);
  if (inside === "" || (!inside.startsWith("..") && !isAbsolute(inside))) {
    throw new UsageError(
      `Failed to copy: ${target} is inside this repository, where the workspace's packages would ` +
        "be found instead of the copy's own. Give a folder outside it, e.g. /tmp/my-example.",
    );
  }
  if (existsSync(target) && readdirSync(target).length > 0) {
    throw new ScriptError(
      `Failed to copy: ${target} is not empty. Give a new or empty folder, so nothing is overwritten.`,
    );
  }
}

/**
 * The workspace's shared packages by name.
 * @param {string} root
 * @returns {Map<string, { dir: string, manifest: any }>}
 */
function workspacePackages(root) {
  const packages = new Map();
  for (const name of readdirSync(join(root, "packages"))) {
    const path = join(root, "packages", name, "package.json");
    if (!existsSync(path)) continue;
    const manifest = readJson(path);
    packages.set(manifest.name, { dir: join(root, "packages", name), manifest });
  }
  return packages;
}

/**
 * An example's dependencies as the copy lists them: registry ranges kept, workspace packages
 * marked to vendor (their value is filled in once packed), the runtime swapped for the official
 * SDK when asked, and the repository's scripts left out.
 * @param {Record<string, string> | undefined} dependencies
 * @param {Map<string, { dir: string, manifest: any }>} packages
 * @param {string} sdk @param {string} root
 */
function rewriteDependencies(dependencies, packages, sdk, root) {
  /** @type {Record<string, string>} */
  const result = {};
  for (const [name, range] of Object.entries(dependencies ?? {})) {
    if (name === REPOSITORY_SCRIPTS) continue;
    if (name === OUR_RUNTIME && sdk === "official") {
      result[OFFICIAL_SDK] = officialSdkVersion(root);
    } else if (range.startsWith("workspace:")) {
      if (!packages.has(name)) {
        throw new ScriptError(
          `Failed to copy: the example depends on ${name} (${range}), which is not a package in ` +
            `packages/. The packages a copy can vendor: ${[...packages.keys()].join(", ")}.`,
        );
      }
      result[name] = "vendor";
    } else {
      result[name] = range;
    }
  }
  return result;
}

/** The official SDK release the harness is tested against (packages/testing). @param {string} root */
function officialSdkVersion(root) {
  const version = readJson(join(root, "packages", "testing", "package.json")).devDependencies?.[
    OFFICIAL_SDK
  ];
  if (typeof version !== "string") {
    throw new ScriptError(`packages/testing/package.json has no devDependency ${OFFICIAL_SDK}.`);
  }
  return version;
}

/**
 * The tools the copy runs, at the versions this repository runs: vitest and TypeScript from the
 * root, esbuild and tsx from scripts/ (its copied build and record scripts import them).
 * @param {string} root
 */
function toolVersions(root) {
  const rootDevDependencies = readJson(join(root, "package.json")).devDependencies;
  const scriptsDependencies = readJson(join(root, "scripts", "package.json")).dependencies;
  /** @type {Record<string, string>} */
  const tools = {};
  for (const [name, from] of [
    ["vitest", rootDevDependencies],
    ["typescript", rootDevDependencies],
    ["@types/node", rootDevDependencies],
    ["esbuild", scriptsDependencies],
    ["tsx", scriptsDependencies],
  ]) {
    if (typeof from?.[name] !== "string") {
      throw new ScriptError(`Failed to copy: this repository pins no version of ${name}.`);
    }
    tools[name] = from[name];
  }
  return tools;
}

/**
 * Packs each workspace package the copy needs, and the workspace packages those depend on, into
 * `vendorDir` with `pnpm pack` (which turns their `workspace:` ranges into versions).
 * @param {string[]} names the copy's dependencies
 * @param {Map<string, { dir: string, manifest: any }>} packages
 * @param {string} vendorDir
 * @returns {Map<string, string>} package name to tarball file name
 */
function vendorPackages(names, packages, vendorDir) {
  /** @type {Map<string, string>} */
  const vendored = new Map();
  const pending = names.filter((name) => packages.has(name));
  mkdirSync(vendorDir, { recursive: true });
  while (pending.length > 0) {
    const name = /** @type {string} */ (pending.shift());
    if (vendored.has(name)) continue;
    const { dir, manifest } = /** @type {{ dir: string, manifest: any }} */ (packages.get(name));
    checkBuilt(dir, manifest);
    const before = new Set(readdirSync(vendorDir));
    try {
      execFileSync("pnpm", ["pack", "--pack-destination", vendorDir], {
        cwd: dir,
        stdio: ["ignore", "pipe", "pipe"],
      });
    } catch (error) {
      const stderr = /** @type {{ stderr?: Buffer }} */ (error).stderr?.toString().trim();
      throw new ScriptError(`Failed to pack ${name} with pnpm pack: ${stderr || error}`, {
        cause: error,
      });
    }
    const tarball = readdirSync(vendorDir).find((file) => !before.has(file));
    if (tarball === undefined) throw new ScriptError(`pnpm pack wrote no tarball for ${name}.`);
    vendored.set(name, tarball);
    for (const [dependency, range] of Object.entries(manifest.dependencies ?? {})) {
      if (String(range).startsWith("workspace:")) pending.push(dependency);
    }
  }
  return vendored;
}

/** A package is packed from dist/: refuse one whose entry points are not built. */
function checkBuilt(/** @type {string} */ dir, /** @type {any} */ manifest) {
  const entries = Object.values(manifest.exports ?? {}).map((entry) =>
    typeof entry === "string" ? entry : entry.default,
  );
  const missing = entries.find((entry) => !existsSync(join(dir, entry)));
  if (missing !== undefined) {
    throw new ScriptError(
      `Failed to copy: ${manifest.name} is not built (${displayPath(join(dir, missing))} is ` +
        "missing). Run pnpm build at the repository root first.",
    );
  }
}

/**
 * Points every import of our runtime in the copy at the official SDK, after checking that the
 * official SDK exports every value the example imports.
 * @param {string} target @param {string} root
 */
function switchToOfficialSdk(target, root) {
  const officialExports = new Set(Object.keys(loadOfficialSdk(root)));
  const importPattern = /(\bfrom\s*|\bimport\s*\(\s*)"@durable-examples\/runtime"/g;
  for (const path of sourceFiles(target)) {
    const source = readFileSync(path, "utf8");
    if (!source.includes(`"${OUR_RUNTIME}"`)) continue;
    for (const name of importedValues(source)) {
      if (!officialExports.has(name)) {
        throw new ScriptError(
          `Failed to copy with --sdk official: ${relative(target, path)} imports ${name} from ` +
            `${OUR_RUNTIME}, which ${OFFICIAL_SDK} does not export. Copy it with --sdk ours.`,
        );
      }
    }
    writeFileSync(path, source.replace(importPattern, `$1"${OFFICIAL_SDK}"`));
  }
}

/** The official SDK the harness is tested with, installed for packages/testing. @param {string} root */
function loadOfficialSdk(root) {
  const require = createRequire(join(root, "packages", "testing", "package.json"));
  try {
    return require(OFFICIAL_SDK);
  } catch (error) {
    throw new ScriptError(
      `Failed to copy with --sdk official: ${OFFICIAL_SDK} is not installed for ` +
        "packages/testing. Run pnpm install at the repository root.",
      { cause: error },
    );
  }
}

/**
 * The value names (not types) a file imports from our runtime.
 * @param {string} source
 * @returns {string[]}
 */
export function importedValues(source) {
  const names = [];
  const statement = /import\s+(type\s+)?\{([^}]*)\}\s*from\s*"@durable-examples\/runtime"/g;
  for (const [, typeOnly, list] of source.matchAll(statement)) {
    if (typeOnly) continue;
    for (const specifier of (list ?? "").split(",")) {
      const name = specifier.trim().split(/\s+as\s+/)[0] ?? "";
      if (name !== "" && !name.startsWith("type ")) names.push(name);
    }
  }
  return names;
}

/** Every .ts file under src/ and test/. @param {string} target */
function sourceFiles(target) {
  return ["src", "test"]
    .map((folder) => join(target, folder))
    .filter((dir) => existsSync(dir))
    .flatMap((dir) =>
      readdirSync(dir, { recursive: true, encoding: "utf8" })
        .filter((file) => file.endsWith(".ts"))
        .map((file) => join(dir, file)),
    );
}

/**
 * The example's tsconfig with the repository's base config written into it: nothing outside the
 * folder is left to extend.
 * @param {string} exampleDir @param {string} root
 */
function standaloneTsconfig(exampleDir, root) {
  const config = readJson(join(exampleDir, "tsconfig.json"));
  const base = resolve(exampleDir, config.extends ?? "");
  if (config.extends !== undefined && base !== join(root, "tsconfig.base.json")) {
    throw new ScriptError(
      `Failed to copy: ${displayPath(join(exampleDir, "tsconfig.json"))} extends ` +
        `${config.extends}; a copy can only inline the repository's tsconfig.base.json.`,
    );
  }
  const { extends: _extends, ...own } = config;
  const baseOptions = config.extends === undefined ? {} : readJson(base).compilerOptions;
  return { ...own, compilerOptions: { ...baseOptions, ...own.compilerOptions } };
}

/** What the copy's README adds at its end. @param {string} example @param {string} sdk */
function copyNote(example, sdk) {
  const runtime =
    sdk === "official"
      ? `The handler runs on the official \`${OFFICIAL_SDK}\` from the npm registry, in place of ` +
        `this repository's runtime; the test harness is the same.`
      : `The handler runs on \`${OUR_RUNTIME}\`, packed into \`vendor/\` with the harness.`;
  return `## This copy

Copied out of the durable functions examples repository (\`examples/${example}\`) by
\`pnpm copy-example\`. ${runtime} \`vendor/\` holds the shared packages, which are not on the npm
registry; \`scripts/\` holds the bundler and the history recorder. Links that leave this folder
point into that repository, and so does the CDK way of deploying it; the AWS CLI way works here
as written, with \`npm run build\` for \`pnpm build\`.

\`\`\`sh
npm install
npm test                  # the tests, on virtual time
npm run typecheck
npm run build             # dist/index.mjs and dist/function.zip for Lambda
npm run record-histories  # histories/ again, after a change you mean to keep
\`\`\`
`;
}

/** @param {string} path */
function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new ScriptError(
      `Failed to read ${displayPath(path)}: ${/** @type {Error} */ (error).message}`,
      {
        cause: error,
      },
    );
  }
}

/** @param {string} path @param {unknown} value */
function writeJson(path, value) {
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

/** @param {Record<string, string>} record */
function sorted(record) {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

if (isMain(import.meta.url)) {
  await runCli(
    {
      tool: "copy-example",
      usage: USAGE,
      allowPositionals: true,
      options: { sdk: { type: "string" } },
    },
    ({ values, positionals }) => {
      if (positionals.length !== 2) {
        throw new UsageError(
          `Expected an example and a folder, got ${positionals.length} argument(s).`,
        );
      }
      const [query, dir] = /** @type {[string, string]} */ (positionals);
      const sdk = /** @type {string | undefined} */ (values.sdk) ?? "ours";
      const result = copyExample(query, dir, { sdk });
      const on = sdk === "official" ? OFFICIAL_SDK : OUR_RUNTIME;
      console.error(`[copy-example] wrote ${result.targetDir} (${result.example} on ${on})`);
      console.error(`[copy-example] vendored ${result.vendored.join(", ")}`);
      console.log(`Next:\n  cd ${result.targetDir}\n  npm install\n  npm test\n  npm run build`);
    },
  );
}
