// Where a bundle's bytes come from, read from esbuild's metafile: every input file reports its
// `bytesInOutput`, and each input is put in one group by its path.

/** Scopes published by the AWS SDK for JavaScript v3 team; all of them arrive with the SDK. */
const AWS_SDK_SCOPES = new Set(["@aws-sdk", "@smithy", "@aws-crypto", "@aws"]);

/**
 * @typedef {object} BundleBreakdown
 * @property {number} handler bytes from the example's own files (src/handler.ts and its imports)
 * @property {number} runtime bytes from packages/runtime
 * @property {number} awsSdk bytes from the AWS SDK: the `@aws-sdk`, `@smithy`, `@aws-crypto` and
 *   `@aws` scopes
 * @property {number} otherPackages bytes from any other package (tslib, fast-xml-parser, ...)
 * @property {number} glue bytes esbuild adds itself (module wrappers, helpers, banner)
 */

/**
 * Groups the bytes of one esbuild output by where they come from. The groups add up to `total`.
 * @param {import("esbuild").Metafile} metafile from a build with `metafile: true`
 * @param {string} output the output's key in `metafile.outputs`, relative to the working directory
 * @param {number} total the output's size on disk
 * @returns {BundleBreakdown}
 * @example breakdownBundle(result.metafile, "dist/index.mjs", 412_345).runtime
 */
export function breakdownBundle(metafile, output, total) {
  const inputs = metafile.outputs[output]?.inputs;
  if (inputs === undefined) {
    const known = Object.keys(metafile.outputs).join(", ");
    throw new Error(`esbuild metafile has no output "${output}"; it has: ${known}.`);
  }
  const breakdown = { handler: 0, runtime: 0, awsSdk: 0, otherPackages: 0, glue: 0 };
  for (const [path, { bytesInOutput }] of Object.entries(inputs)) {
    breakdown[groupOf(path)] += bytesInOutput;
  }
  breakdown.glue = total - breakdown.handler - breakdown.runtime - breakdown.awsSdk;
  breakdown.glue -= breakdown.otherPackages;
  return breakdown;
}

/**
 * @param {string} inputPath as esbuild writes it: relative to the working directory, "/"-separated
 * @returns {"handler" | "runtime" | "awsSdk" | "otherPackages"}
 */
function groupOf(inputPath) {
  const path = inputPath.replaceAll("\\", "/");
  const modules = path.lastIndexOf("node_modules/");
  if (modules >= 0) {
    const scope = path.slice(modules + "node_modules/".length).split("/")[0] ?? "";
    return AWS_SDK_SCOPES.has(scope) ? "awsSdk" : "otherPackages";
  }
  if (/(^|\/)packages\/runtime\//.test(path)) return "runtime";
  // Outside the example folder and outside node_modules: another workspace package.
  return path.startsWith("../") ? "otherPackages" : "handler";
}

/**
 * Sizes for people: bytes below 1 KB, then KB and MB with one decimal (1 KB = 1024 bytes).
 * @param {number} bytes
 * @example formatBytes(126_362) === "123.4 KB"
 */
export function formatBytes(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * One line for the build log, e.g.
 * "handler 0.5 KB, runtime 38.2 KB, @aws-sdk 301.7 KB, other packages 40.1 KB, esbuild glue 2.0 KB".
 * @param {BundleBreakdown} breakdown
 */
export function formatBreakdown(breakdown) {
  return [
    `handler ${formatBytes(breakdown.handler)}`,
    `runtime ${formatBytes(breakdown.runtime)}`,
    `@aws-sdk ${formatBytes(breakdown.awsSdk)}`,
    `other packages ${formatBytes(breakdown.otherPackages)}`,
    `esbuild glue ${formatBytes(breakdown.glue)}`,
  ].join(", ");
}
