import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { copyExample, importedValues } from "../copy-example.mjs";
import { repoRoot } from "../lib/cli.mjs";
import { runScript } from "./helpers/run-script.mjs";

const cli = join(dirname(fileURLToPath(import.meta.url)), "..", "copy-example.mjs");
const tempDir = () => join(mkdtempSync(join(tmpdir(), "copy-example-")), "copy");
const readJson = (path) => JSON.parse(readFileSync(path, "utf8"));
const officialVersion = readJson(join(repoRoot, "packages", "testing", "package.json"))
  .devDependencies["@aws/durable-execution-sdk-js"];

/** Every file of a tarball, unpacked into a temporary folder: path to text. */
function unpack(tarball) {
  const dir = mkdtempSync(join(tmpdir(), "copy-example-tarball-"));
  execFileSync("tar", ["-xzf", tarball, "-C", dir]);
  const files = readdirSync(join(dir, "package"), { recursive: true, encoding: "utf8" });
  return { dir: join(dir, "package"), files };
}

const runCli = (args) => runScript(cli, args);

describe("copyExample on our runtime", () => {
  const target = tempDir();
  const result = copyExample("01-hello-step", target);
  const manifest = readJson(join(target, "package.json"));
  const ranges = { ...manifest.dependencies, ...manifest.devDependencies };

  it("writes a package.json with no workspace ranges and no repository scripts", () => {
    expect(Object.values(ranges).filter((range) => range.startsWith("workspace:"))).toEqual([]);
    expect(ranges).not.toHaveProperty("@durable-examples/scripts");
    expect(manifest.scripts.build).toBe("node scripts/build-example.mjs");
    expect(manifest.dependencies["@durable-examples/runtime"]).toBe(
      "file:vendor/durable-examples-runtime-0.1.0.tgz",
    );
  });

  it("vendors the packages it imports and the ones they depend on, each referenced by file", () => {
    expect(result.vendored.sort()).toEqual([
      "durable-examples-console-0.1.0.tgz",
      "durable-examples-runtime-0.1.0.tgz",
      "durable-examples-service-0.1.0.tgz",
      "durable-examples-testing-0.1.0.tgz",
      "durable-examples-vitest-config-0.1.0.tgz",
    ]);
    const referenced = Object.values(ranges)
      .filter((range) => range.startsWith("file:"))
      .map((range) => range.slice("file:vendor/".length))
      .sort();
    expect(referenced).toEqual(readdirSync(join(target, "vendor")).sort());
  });

  it("packs each vendored package with its license, README, types and versioned dependencies", () => {
    for (const tarball of result.vendored) {
      const { dir, files } = unpack(join(target, "vendor", tarball));
      const packed = readJson(join(dir, "package.json"));

      expect(files).toEqual(expect.arrayContaining(["LICENSE", "README.md", "package.json"]));
      expect(packed.license).toBe("MIT");
      expect(files).toContain(packed.types.replace(/^\.\//, ""));
      expect(JSON.stringify(packed.dependencies ?? {})).not.toContain("workspace:");
    }
  });

  it("pins the tools at the versions this repository runs", () => {
    const root = readJson(join(repoRoot, "package.json")).devDependencies;
    expect(manifest.devDependencies.vitest).toBe(root.vitest);
    expect(manifest.devDependencies.typescript).toBe(root.typescript);
    expect(manifest.devDependencies.esbuild).toBe(
      readJson(join(repoRoot, "scripts", "package.json")).dependencies.esbuild,
    );
  });

  it("writes a tsconfig that extends nothing outside the folder", () => {
    const tsconfig = readJson(join(target, "tsconfig.json"));

    expect(tsconfig).not.toHaveProperty("extends");
    expect(tsconfig.compilerOptions).toMatchObject({ strict: true, module: "NodeNext" });
    expect(JSON.stringify(tsconfig)).not.toContain("..");
  });

  it("copies the handler, tests, histories, README, license and the bundler, and no build output", () => {
    const files = readdirSync(target, { recursive: true, encoding: "utf8" });

    expect(files).toEqual(
      expect.arrayContaining([
        "src/handler.ts",
        "test/handler.test.ts",
        "histories/finished.json",
        "LICENSE",
        "scripts/build-example.mjs",
        "scripts/lib/zip.mjs",
        "vitest.config.ts",
      ]),
    );
    expect(files.some((file) => file.startsWith("node_modules") || file.startsWith("dist"))).toBe(
      false,
    );
    expect(readFileSync(join(target, "README.md"), "utf8")).toContain("## This copy");
  });
});

describe("copyExample with --sdk official", () => {
  const target = tempDir();
  const result = copyExample("03-wait", target, { sdk: "official" });

  it("depends on the official SDK release the harness is tested with, instead of our runtime", () => {
    expect(result.dependencies).toEqual({ "@aws/durable-execution-sdk-js": officialVersion });
    expect(result.vendored).not.toContain("durable-examples-runtime-0.1.0.tgz");
    expect(result.devDependencies["@durable-examples/testing"]).toMatch(/^file:vendor\//);
  });

  it("changes the handler's import and nothing else", () => {
    const original = readFileSync(
      join(repoRoot, "examples", "03-wait", "src", "handler.ts"),
      "utf8",
    );
    const copied = readFileSync(join(target, "src", "handler.ts"), "utf8");

    expect(copied).not.toContain('"@durable-examples/runtime"');
    expect(copied).toBe(
      original.replace('"@durable-examples/runtime"', '"@aws/durable-execution-sdk-js"'),
    );
  });
});

describe("copyExample refuses", () => {
  it("an example that does not exist, listing the ones that do", () => {
    expect(() => copyExample("99-nothing", tempDir())).toThrow(
      /There is no example "99-nothing"\. Name one by folder or number: 01-hello-step, /,
    );
  });

  it("an SDK it does not know, naming the accepted ones", () => {
    expect(() => copyExample("01-hello-step", tempDir(), { sdk: "v1" })).toThrow(
      '--sdk must be one of ours, official, got "v1".',
    );
  });

  it("a folder inside this repository", () => {
    expect(() => copyExample("01-hello-step", join(repoRoot, "tmp-copy"))).toThrow(
      /is inside this repository/,
    );
  });

  it("a folder that already has files, so nothing is overwritten", () => {
    const target = tempDir();
    mkdirSync(target, { recursive: true });
    writeFileSync(join(target, "notes.txt"), "mine");

    expect(() => copyExample("01-hello-step", target)).toThrow(`${target} is not empty`);
    expect(readdirSync(target)).toEqual(["notes.txt"]);
  });
});

describe("importedValues", () => {
  it("lists the values imported from our runtime, leaving types out", () => {
    const source = [
      'import { type DurableContext, withDurableExecution, defaultSerdes as serdes } from "@durable-examples/runtime";',
      'import type { StepConfig } from "@durable-examples/runtime";',
      'import { runDurable } from "@durable-examples/testing";',
    ].join("\n");

    expect(importedValues(source)).toEqual(["withDurableExecution", "defaultSerdes"]);
  });
});

describe("copy-example CLI", () => {
  it("exits 2 with the usage when the folder is missing", async () => {
    const { code, stderr } = await runCli(["01-hello-step"]);

    expect(code).toBe(2);
    expect(stderr).toContain("Expected an example and a folder, got 1 argument(s).");
    expect(stderr).toContain("usage: pnpm copy-example <example> <dir> [--sdk ours|official]");
  });

  it("writes the copy and prints the commands to run in it", async () => {
    const target = tempDir();
    const { code, stdout, stderr } = await runCli(["2", target, "--sdk", "official"]);

    expect(code).toBe(0);
    expect(stderr).toContain(
      `[copy-example] wrote ${target} (02-retries on @aws/durable-execution-sdk-js)`,
    );
    expect(stdout).toBe(`Next:\n  cd ${target}\n  npm install\n  npm test\n  npm run build\n`);
  });
});
