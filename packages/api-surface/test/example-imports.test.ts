import path from "node:path";
import { describe, expect, it } from "vitest";
import { exportNames } from "../src/compare-surfaces.js";
import { examplesDir, installedEntries } from "../src/entries.js";
import { runtimeImportsOfExamples } from "../src/example-imports.js";

describe("the examples' imports from the runtime", () => {
  it("are all names the official SDK exports, so each example moves by a change of import", () => {
    const official = exportNames(installedEntries().official);
    const imports = runtimeImportsOfExamples(examplesDir);
    const onlyOurs = imports
      .filter(({ name }) => !official.has(name))
      .map(({ file, name }) => `${file}: ${name}`);
    expect(onlyOurs).toEqual([]);
    // It read the examples: every example handler imports withDurableExecution.
    expect(imports.filter(({ name }) => name === "withDurableExecution").length).toBeGreaterThan(
      10,
    );
  });

  it("are read from named imports, type-only or not, under their exported names", async () => {
    const { mkdtempSync, mkdirSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const dir = mkdtempSync(path.join(tmpdir(), "api-surface-examples-"));
    mkdirSync(path.join(dir, "01-demo", "src"), { recursive: true });
    writeFileSync(
      path.join(dir, "01-demo", "src", "handler.ts"),
      'import { configureLogger as setup, type DurableContext } from "@durable-examples/runtime";\nimport { runDurable } from "@durable-examples/testing";\n',
    );
    expect(runtimeImportsOfExamples(dir)).toEqual([
      { file: path.join("01-demo", "src", "handler.ts"), name: "configureLogger" },
      { file: path.join("01-demo", "src", "handler.ts"), name: "DurableContext" },
    ]);
  });
});
