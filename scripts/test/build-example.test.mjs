import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { buildExample } from "../build-example.mjs";
import { hasPython, pythonTestZip } from "./helpers/python-zip.mjs";
import { readZip } from "./helpers/read-zip.mjs";
import { runScript } from "./helpers/run-script.mjs";

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const fixture = join(here, "fixtures", "aws-sdk-handler");
const noHandlerExport = join(here, "fixtures", "no-handler-export");
const cli = join(here, "..", "build-example.mjs");
const tempDir = () => mkdtempSync(join(tmpdir(), "build-example-"));

const runCli = (args, cwd = here) => runScript(cli, args, { cwd });

/** Imports the bundle in a fresh node, as Lambda does, and calls its handler with a local API. */
async function invokeBundle(bundlePath) {
  const requests = [];
  const server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    const name = decodeURIComponent(request.url.split("/")[3] ?? "");
    response.setHeader("content-type", "application/json");
    response.end(JSON.stringify({ Configuration: { FunctionName: name } }));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const event = { endpoint: `http://127.0.0.1:${server.address().port}`, functionName: "greeter" };
  const script =
    "const { handler } = await import(process.argv[1]);" +
    "console.log(JSON.stringify(await handler(JSON.parse(process.argv[2]))));";
  try {
    const { stdout } = await run(process.execPath, [
      "--input-type=module",
      "-e",
      script,
      pathToFileURL(bundlePath).href,
      JSON.stringify(event),
    ]);
    return { result: JSON.parse(stdout), requests };
  } finally {
    server.close();
  }
}

describe("buildExample", () => {
  /** @type {Awaited<ReturnType<typeof buildExample>>} the default build, shared by the checks that only read it */
  let build;
  beforeAll(async () => {
    build = await buildExample(fixture, { outDir: tempDir() });
  });

  it("bundles the handler with the AWS SDK inlined, and the bundle calls the Lambda API", async () => {
    const { result, requests } = await invokeBundle(build.bundlePath);

    expect(result).toEqual({ functionName: "greeter", eol: JSON.stringify("\n") });
    expect(requests).toEqual(["GET /2015-03-31/functions/greeter"]);
    expect(readFileSync(build.bundlePath, "utf8")).not.toMatch(/from\s*"@aws-sdk\//);
  });

  it("starts the bundle with a require() made by createRequire, for inlined CommonJS", () => {
    expect(readFileSync(build.bundlePath, "utf8")).toMatch(
      /^import \{ createRequire as __bundleCreateRequire \} from "node:module"; const require = __bundleCreateRequire\(import\.meta\.url\);/,
    );
  });

  it("zips index.mjs alone at the root, with a CRC that checks", () => {
    const zip = readFileSync(build.zipPath);
    const entries = readZip(zip);

    expect(entries.map((entry) => entry.name)).toEqual(["index.mjs"]);
    expect(entries[0].data.equals(readFileSync(build.bundlePath))).toBe(true);
    expect(build.zipBytes).toBe(zip.length);
    if (hasPython)
      expect(pythonTestZip(build.zipPath)).toEqual({ bad: null, names: ["index.mjs"] });
  });

  it("writes a byte-identical zip from the same source", async () => {
    const again = await buildExample(fixture, { outDir: tempDir() });

    expect(readFileSync(again.zipPath).equals(readFileSync(build.zipPath))).toBe(true);
  });

  it("reports where the bundle's bytes come from, adding up to its size", () => {
    const { handler, runtime, awsSdk, otherPackages, glue } = build.breakdown;

    expect(build.bytes).toBe(readFileSync(build.bundlePath).length);
    expect(handler + runtime + awsSdk + otherPackages + glue).toBe(build.bytes);
    expect(handler).toBeGreaterThan(100);
    expect(runtime).toBe(0);
    expect(awsSdk).toBeGreaterThan(build.bytes / 2);
  });

  it("leaves @aws-sdk/* as imports with externalAwsSdk", async () => {
    const external = await buildExample(fixture, { outDir: tempDir(), externalAwsSdk: true });

    expect(readFileSync(external.bundlePath, "utf8")).toMatch(/from\s*"@aws-sdk\/client-lambda"/);
    expect(external.breakdown.awsSdk).toBe(0);
    expect(external.bytes).toBeLessThan(20_000);
  });

  it("writes and zips a source map only when asked", async () => {
    const outDir = tempDir();
    const withMap = await buildExample(fixture, { outDir, sourcemap: true });
    expect(readZip(readFileSync(withMap.zipPath)).map((e) => e.name)).toEqual([
      "index.mjs",
      "index.mjs.map",
    ]);

    const withoutMap = await buildExample(fixture, { outDir });
    expect(readZip(readFileSync(withoutMap.zipPath)).map((e) => e.name)).toEqual(["index.mjs"]);
    expect(() => readFileSync(join(outDir, "index.mjs.map"))).toThrow(/ENOENT/);
  });

  it("names the missing src/handler.ts and what it should hold", async () => {
    const dir = tempDir();

    await expect(buildExample(dir)).rejects.toThrow(
      `Failed to build: ${join(dir, "src", "handler.ts")} does not exist. Run build-example from ` +
        'an example folder (examples/NN-name) whose src/handler.ts exports "handler".',
    );
  });

  it("reports what esbuild could not resolve, and how to build workspace packages", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "src"));
    writeFileSync(
      join(dir, "src", "handler.ts"),
      'export { handler } from "@durable-examples/nowhere";\n',
    );

    await expect(buildExample(dir)).rejects.toThrow(
      `Failed to bundle ${join(dir, "src", "handler.ts")}:\n` +
        '  src/handler.ts:1:24: Could not resolve "@durable-examples/nowhere"\n' +
        "Run pnpm install, then build the packages it imports (pnpm build at the repository root).",
    );
  });

  it("refuses a handler module that does not export handler", async () => {
    await expect(buildExample(noHandlerExport, { outDir: tempDir() })).rejects.toThrow(
      'Failed to build: scripts/test/fixtures/no-handler-export/src/handler.ts must export "handler" ' +
        "(Lambda calls index.handler), but it exports main.",
    );
  });
});

describe("build-example CLI", () => {
  it("prints one line per artifact and the breakdown to stderr, and exits 0", async () => {
    const { code, stdout, stderr } = await runCli([], fixture);
    const lines = stderr.trim().split("\n");

    expect(code).toBe(0);
    expect(stdout).toBe("");
    expect(lines[0]).toMatch(
      /^\[build-example\] scripts\/test\/fixtures\/aws-sdk-handler\/dist\/index\.mjs \d+\.\d KB$/,
    );
    expect(lines[1]).toMatch(
      /^\[build-example\] scripts\/test\/fixtures\/aws-sdk-handler\/dist\/function\.zip \d+\.\d KB$/,
    );
    expect(lines[2]).toMatch(
      /^\[build-example\] index\.mjs by source: handler \d+ B, runtime 0 B, @aws-sdk \d+\.\d KB, other packages .+, esbuild glue .+$/,
    );
    expect(lines).toHaveLength(3);
  });

  it("prints usage to stdout for --help and exits 0", async () => {
    const { code, stdout } = await runCli(["--help"]);

    expect(code).toBe(0);
    expect(stdout).toMatch(/^usage: build-example \[example-dir\] \[--external-aws-sdk\]/);
  });

  it("exits 2 with the usage on an unknown option", async () => {
    const { code, stderr } = await runCli(["--minify"]);

    expect(code).toBe(2);
    expect(stderr).toMatch(/^\[build-example\] Unknown option '--minify'\.\nusage: build-example/);
  });

  it("exits 1 and names the path when there is no src/handler.ts", async () => {
    const dir = tempDir();
    const { code, stderr } = await runCli([], dir);

    expect(code).toBe(1);
    expect(stderr).toContain(`[build-example] Failed to build: ${join(dir, "src", "handler.ts")}`);
  });
});
