#!/usr/bin/env node
// build-example: bundles an example's src/handler.ts for the Lambda nodejs22.x runtime into
// dist/index.mjs and packs it into dist/function.zip, whose handler string is "index.handler".
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { build } from "esbuild";
import { breakdownBundle, formatBreakdown, formatBytes } from "./lib/bundle-breakdown.mjs";
import { displayPath, isMain, runCli, ScriptError, UsageError } from "./lib/cli.mjs";
import { createZip } from "./lib/zip.mjs";

const USAGE = `usage: build-example [example-dir] [--external-aws-sdk] [--sourcemap]

Bundles <example-dir>/src/handler.ts (default: the current folder, as pnpm build runs it) into
dist/index.mjs (ESM, node22, minified) and packs it into dist/function.zip for the Lambda
runtime nodejs22.x with the handler "index.handler".

  --external-aws-sdk  leave @aws-sdk/* out and use the SDK in the Lambda runtime (default:
                      bundle @aws-sdk/client-lambda, the version the tests ran; the runtime's
                      copy may predate the durable execution API)
  --sourcemap         also write dist/index.mjs.map and put it in the zip
  -h, --help          show this help`;

// CommonJS code inlined into an ESM bundle (the AWS SDK's dependencies) calls require(); ESM has
// none, so without this it fails at the first checkpoint with "Dynamic require of node:https".
const REQUIRE_BANNER =
  'import { createRequire as __bundleCreateRequire } from "node:module"; ' +
  "const require = __bundleCreateRequire(import.meta.url);";

/**
 * @typedef {object} BuildOptions
 * @property {boolean} [externalAwsSdk] leave the AWS SDK (`@aws-sdk/*`) out of the bundle
 * @property {boolean} [sourcemap] write index.mjs.map beside the bundle and into the zip
 * @property {string} [outDir] where to write; default `<exampleDir>/dist`
 */

/**
 * @typedef {object} BuildResult
 * @property {string} bundlePath absolute path of index.mjs
 * @property {string} zipPath absolute path of function.zip
 * @property {number} bytes size of index.mjs
 * @property {number} zipBytes size of function.zip
 * @property {import("./lib/bundle-breakdown.mjs").BundleBreakdown} breakdown where the bytes of
 *   index.mjs come from
 * @property {import("esbuild").Message[]} warnings what esbuild warned about
 */

/**
 * Bundles `<exampleDir>/src/handler.ts` into `dist/index.mjs` and zips it into
 * `dist/function.zip`. Prints nothing; the caller reports.
 * @param {string} exampleDir
 * @param {BuildOptions} [options]
 * @returns {Promise<BuildResult>}
 * @example const { zipPath, breakdown } = await buildExample("examples/01-hello-step");
 */
export async function buildExample(exampleDir, options = {}) {
  const root = resolve(exampleDir);
  const entry = join(root, "src", "handler.ts");
  if (!existsSync(entry)) {
    throw new ScriptError(
      `Failed to build: ${displayPath(entry)} does not exist. Run build-example from an example ` +
        `folder (examples/NN-name) whose src/handler.ts exports "handler".`,
    );
  }
  const outDir = resolve(root, options.outDir ?? "dist");
  const bundlePath = join(outDir, "index.mjs");
  const mapPath = `${bundlePath}.map`;
  const zipPath = join(outDir, "function.zip");
  mkdirSync(outDir, { recursive: true });
  if (!options.sourcemap) rmSync(mapPath, { force: true });

  const result = await bundle(root, entry, bundlePath, options);
  const outputKey = Object.keys(result.metafile.outputs).find(
    (key) => resolve(root, key) === bundlePath,
  );
  const output = outputKey === undefined ? undefined : result.metafile.outputs[outputKey];
  if (outputKey === undefined || output === undefined) {
    throw new ScriptError(`Failed to build: esbuild reported no output ${bundlePath}.`);
  }
  if (!output.exports.includes("handler")) {
    const found = output.exports.length === 0 ? "nothing" : output.exports.join(", ");
    throw new ScriptError(
      `Failed to build: ${displayPath(entry)} must export "handler" (Lambda calls ` +
        `index.handler), but it exports ${found}.`,
    );
  }

  const bytes = statSync(bundlePath).size;
  const files = options.sourcemap ? [bundlePath, mapPath] : [bundlePath];
  const zip = createZip(files.map((path) => ({ name: basename(path), data: readFileSync(path) })));
  writeFileSync(zipPath, zip);
  const breakdown = breakdownBundle(result.metafile, outputKey, bytes);
  return { bundlePath, zipPath, bytes, zipBytes: zip.length, breakdown, warnings: result.warnings };
}

/**
 * The esbuild options of an example's Lambda bundle, for anything that must build exactly the
 * same way (the bench measures bundles built with them).
 * @param {string} root the folder paths resolve from
 * @param {string} entry @param {string} outfile @param {BuildOptions} [options]
 * @returns {import("esbuild").BuildOptions & { metafile: true }}
 */
export function esbuildOptions(root, entry, outfile, options = {}) {
  return {
    absWorkingDir: root,
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node22",
    // The SDK's ES module builds tree-shake better than its CommonJS ones (AWS's advice).
    mainFields: ["module", "main"],
    minify: true,
    sourcemap: options.sourcemap ? "external" : false,
    external: options.externalAwsSdk ? ["@aws-sdk/*"] : [],
    banner: { js: REQUIRE_BANNER },
    metafile: true,
    logLevel: "silent",
  };
}

/**
 * @param {string} root @param {string} entry @param {string} outfile @param {BuildOptions} options
 */
async function bundle(root, entry, outfile, options) {
  try {
    return await build(esbuildOptions(root, entry, outfile, options));
  } catch (error) {
    /** @type {import("esbuild").Message[]} */
    const errors = /** @type {{ errors?: import("esbuild").Message[] }} */ (error)?.errors ?? [];
    if (errors.length === 0) throw error;
    const details = errors.map((e) => `  ${formatMessage(e)}`).join("\n");
    const hint = errors.some((e) => e.text.includes('"@durable-examples/'))
      ? "\nRun pnpm install, then build the packages it imports (pnpm build at the repository root)."
      : "";
    throw new ScriptError(`Failed to bundle ${displayPath(entry)}:\n${details}${hint}`, {
      cause: error,
    });
  }
}

/** @param {import("esbuild").Message} message */
function formatMessage(message) {
  const where = message.location
    ? `${message.location.file}:${message.location.line}:${message.location.column}: `
    : "";
  return `${where}${message.text}`;
}

if (isMain(import.meta.url)) {
  await runCli(
    {
      tool: "build-example",
      usage: USAGE,
      allowPositionals: true,
      options: {
        "external-aws-sdk": { type: "boolean" },
        sourcemap: { type: "boolean" },
      },
    },
    async ({ values, positionals }) => {
      if (positionals.length > 1) {
        throw new UsageError(`Expected at most one example folder, got ${positionals.length}.`);
      }
      const result = await buildExample(positionals[0] ?? process.cwd(), {
        externalAwsSdk: values["external-aws-sdk"] === true,
        sourcemap: values.sourcemap === true,
      });
      const log = (/** @type {string} */ line) => console.error(`[build-example] ${line}`);
      for (const warning of result.warnings) log(`warning: ${formatMessage(warning)}`);
      log(`${displayPath(result.bundlePath)} ${formatBytes(result.bytes)}`);
      log(`${displayPath(result.zipPath)} ${formatBytes(result.zipBytes)}`);
      log(`index.mjs by source: ${formatBreakdown(result.breakdown)}`);
    },
  );
}
