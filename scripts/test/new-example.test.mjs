import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../lib/cli.mjs";
import { createExample, titleFromName, validateConceptName } from "../new-example.mjs";
import { runScript } from "./helpers/run-script.mjs";

const cli = join(dirname(fileURLToPath(import.meta.url)), "..", "new-example.mjs");
const biome = join(repoRoot, "node_modules", ".bin", "biome");
const tempExamples = (...existing) => {
  const dir = mkdtempSync(join(tmpdir(), "new-example-"));
  for (const folder of existing) mkdirSync(join(dir, folder));
  return dir;
};
const read = (dir, path) => readFileSync(join(dir, path), "utf8");

const runCli = (args) => runScript(cli, args);

describe("createExample", () => {
  it("numbers the example one after the highest existing number", () => {
    const examplesDir = tempExamples("01-hello-step", "03-wait", "notes");
    const example = createExample({ name: "saga", examplesDir });

    expect(example.folder).toBe("04-saga");
    expect(example.packageName).toBe("@durable-examples/04-saga");
    expect(example.dir).toBe(join(examplesDir, "04-saga"));
  });

  it("starts at 01 in an empty or missing examples folder", () => {
    const examplesDir = join(tempExamples(), "examples");

    expect(createExample({ name: "hello-step", examplesDir }).folder).toBe("01-hello-step");
  });

  it("writes the package, config, handler, test, README and histories folder", () => {
    const { dir } = createExample({ name: "saga", examplesDir: tempExamples("01-hello-step") });
    const files = (sub) => readdirSync(join(dir, sub)).sort();

    expect(files(".")).toEqual([
      "README.md",
      "histories",
      "package.json",
      "src",
      "test",
      "tsconfig.json",
      "vitest.config.ts",
    ]);
    expect(files("src")).toEqual(["handler.ts"]);
    expect(files("test")).toEqual(["handler.test.ts", "histories.ts"]);
    expect(files("histories")).toEqual([".gitkeep"]);
  });

  it("writes a package.json of the shape every example uses", () => {
    const examplesDir = tempExamples("01-hello-step");
    const { dir } = createExample({ name: "saga", title: "Compensating with a saga", examplesDir });

    expect(JSON.parse(read(dir, "package.json"))).toEqual({
      name: "@durable-examples/02-saga",
      version: "0.1.0",
      private: true,
      type: "module",
      description: "Runs one checkpointed step and returns its result.",
      durableExample: {
        title: "Compensating with a saga",
        input: { name: "World" },
        deploy: { executionTimeout: 900 },
      },
      scripts: {
        build: "build-example",
        test: "vitest run",
        "record-histories": "record-histories",
        typecheck: "tsc -p tsconfig.json",
      },
      dependencies: { "@durable-examples/runtime": "workspace:*" },
      devDependencies: {
        "@durable-examples/scripts": "workspace:*",
        "@durable-examples/testing": "workspace:*",
        "@durable-examples/vitest-config": "workspace:*",
      },
    });
    expect(read(dir, "package.json")).toContain(
      '  "durableExample": { "title": "Compensating with a saga", "input": { "name": "World" }, "deploy": { "executionTimeout": 900 } },\n',
    );
  });

  it("writes a tsconfig.json that extends the base and type-checks src and test", () => {
    const { dir } = createExample({ name: "saga", examplesDir: tempExamples() });

    expect(JSON.parse(read(dir, "tsconfig.json"))).toEqual({
      extends: "../../tsconfig.base.json",
      compilerOptions: { rootDir: ".", noEmit: true },
      include: ["src", "test"],
    });
  });

  it("writes a vitest.config.ts that re-exports the shared vitest settings", () => {
    const { dir } = createExample({ name: "saga", examplesDir: tempExamples() });

    expect(read(dir, "vitest.config.ts")).toBe(
      'export { baseConfig as default } from "@durable-examples/vitest-config";\n',
    );
    expect(read(dir, "vitest.config.ts")).toBe(
      read(join(repoRoot, "examples", "01-hello-step"), "vitest.config.ts"),
    );
  });

  it("writes a handler and a test that use the runtime, the harness and a replay check", () => {
    const { dir } = createExample({ name: "saga", examplesDir: tempExamples() });
    const handler = read(dir, "src/handler.ts");
    const test = read(dir, "test/handler.test.ts");

    expect(handler).toContain('from "@durable-examples/runtime"');
    expect(handler).toContain("export const handler = withDurableExecution(");
    expect(handler).toContain('context.step("compose-message"');
    expect(test).toContain(
      'import { checkReplay, expectReplays, runDurable } from "@durable-examples/testing";',
    );
    expect(test).toContain('describe("01-saga"');
    expect(test).toContain('expect(run.status).toBe("SUCCEEDED");');
    expect(test).toContain('expect(run.result).toEqual({ message: "Hello, World!" });');
    expect(test).toContain("console.log(run.timeline);");
    expect(test).toContain("await checkReplay(handler, { input });");
    expect(test).toContain("await expectReplays(handler,");
    expect(read(dir, "test/histories.ts")).toContain("export const recordings: Recordings = {");
  });

  it("writes a README with the sections of style.md, in order, and no TODO", () => {
    const examplesDir = tempExamples("01-a", "02-b", "03-c");
    const { dir } = createExample({ name: "fan-out", examplesDir });
    const readme = read(dir, "README.md");

    expect(readme.split("\n").filter((line) => line.startsWith("#"))).toEqual([
      "# 04 · Fan out",
      "## When to use it",
      "## How it works",
      "## Run it",
      "## Pitfalls",
      "## Deploy",
      "## Next",
    ]);
    expect(readme).toContain("[`src/handler.ts`](src/handler.ts)");
    expect(readme).toContain("aws lambda create-function --function-name 04-fan-out");
    for (const file of ["README.md", "src/handler.ts", "test/handler.test.ts", "package.json"]) {
      expect(read(dir, file)).not.toMatch(/TODO|FIXME|TBD/);
    }
  });

  it.skipIf(!existsSync(biome))(
    "writes files that pass biome check with the repository's config",
    () => {
      const root = tempExamples();
      const config = JSON.parse(read(repoRoot, "biome.json"));
      delete config.$schema;
      config.vcs = { enabled: false };
      writeFileSync(join(root, "biome.json"), JSON.stringify(config));
      createExample({ name: "saga", examplesDir: join(root, "examples") });

      const check = spawnSync(biome, ["check", "examples"], { cwd: root, encoding: "utf8" });
      expect(check.stderr + check.stdout).toContain("Checked 5 files");
      expect(check.status).toBe(0);
    },
  );

  it("refuses a concept that already has an example, and leaves it alone", () => {
    const examplesDir = tempExamples("01-hello-step", "02-saga");
    writeFileSync(join(examplesDir, "02-saga", "keep.txt"), "mine");

    expect(() => createExample({ name: "saga", examplesDir })).toThrow(
      `Failed to create "saga": ${join(examplesDir, "02-saga")} already exists. Choose another concept name.`,
    );
    expect(readdirSync(examplesDir)).toEqual(["01-hello-step", "02-saga"]);
    expect(read(examplesDir, "02-saga/keep.txt")).toBe("mine");
  });

  it("refuses to go past 99", () => {
    expect(() => createExample({ name: "saga", examplesDir: tempExamples("99-last") })).toThrow(
      'Failed to create "saga": examples 01 to 99 are all taken.',
    );
  });
});

describe("validateConceptName", () => {
  it("accepts kebab-case names of lowercase letters and digits", () => {
    for (const name of ["saga", "fan-out", "wait-for-callback", "step2", "s3-upload"]) {
      expect(() => validateConceptName(name)).not.toThrow();
    }
  });

  it("rejects anything else, saying what is allowed", () => {
    for (const name of ["Saga", "fan_out", "-saga", "saga-", "fan--out", "fan out", "", "ä"]) {
      expect(() => validateConceptName(name)).toThrow(
        `Concept name "${name}" is not kebab-case: use lowercase letters and digits, words joined by single hyphens (e.g. fan-out).`,
      );
    }
  });

  it("rejects a name that carries its own number", () => {
    expect(() => validateConceptName("04-saga")).toThrow(
      'Concept name "04-saga" starts with a number; leave it out, new-example picks the next one.',
    );
  });

  it("rejects names over 50 characters", () => {
    expect(() => validateConceptName("a".repeat(51))).toThrow("has 51 characters; at most 50");
  });
});

describe("titleFromName", () => {
  it("turns a kebab-case name into a sentence-case title", () => {
    expect(titleFromName("wait-for-callback")).toBe("Wait for callback");
    expect(titleFromName("saga")).toBe("Saga");
  });
});

describe("new-example CLI", () => {
  it("prints the folder it created and the next steps to stderr", async () => {
    const examplesDir = tempExamples("01-hello-step");
    const { code, stdout, stderr } = await runCli(["saga", "--examples-dir", examplesDir]);

    expect(code).toBe(0);
    expect(stdout).toBe("");
    expect(stderr.split("\n").slice(0, 5)).toEqual([
      `[new-example] created ${join(examplesDir, "02-saga")}`,
      "Next:",
      "  pnpm install",
      "  pnpm --filter @durable-examples/02-saga record-histories",
      "  pnpm --filter @durable-examples/02-saga test",
    ]);
    expect(JSON.parse(read(examplesDir, "02-saga/package.json")).durableExample.title).toBe("Saga");
  });

  it("takes the title from --title", async () => {
    const examplesDir = tempExamples();
    await runCli(["saga", "--title", "Compensating with a saga", "--examples-dir", examplesDir]);

    expect(read(examplesDir, "01-saga/README.md")).toMatch(/^# 01 · Compensating with a saga\n/);
  });

  it("exits 2 with the usage when the name is missing or invalid", async () => {
    const missing = await runCli([]);
    const invalid = await runCli(["My_Saga"]);

    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^\[new-example\] Expected one concept name, got 0\.\nusage: /);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('[new-example] Concept name "My_Saga" is not kebab-case');
  });

  it("exits 1 when the concept already has an example", async () => {
    const examplesDir = tempExamples("01-saga");
    const { code, stderr } = await runCli(["saga", "--examples-dir", examplesDir]);

    expect(code).toBe(1);
    expect(stderr).toContain('[new-example] Failed to create "saga"');
  });

  it("prints the usage to stdout for --help", async () => {
    const { code, stdout } = await runCli(["--help"]);

    expect(code).toBe(0);
    expect(stdout).toMatch(/^usage: pnpm new-example <concept-name> \[--title "\.\.\."\]/);
  });
});
