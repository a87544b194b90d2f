import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  readExamples,
  renderExampleTable,
  replaceExampleBlock,
  updateExampleIndex,
} from "../example-index.mjs";
import { renderDeploySection } from "../lib/deploy-section.mjs";
import { readExampleDeployment } from "../lib/example-deploy.mjs";
import { runScript } from "./helpers/run-script.mjs";

const cli = join(dirname(fileURLToPath(import.meta.url)), "..", "example-index.mjs");

const HELLO = {
  folder: "01-hello-step",
  title: "Hello, step",
  description: "Checkpoint work with context.step.",
};
const WAIT = { folder: "03-wait", title: "Waiting for days", description: "Pause for days." };
const TABLE = [
  "| #   | Example                               | What it shows                      |",
  "| --- | ------------------------------------- | ---------------------------------- |",
  "| 01  | [Hello, step](examples/01-hello-step) | Checkpoint work with context.step. |",
  "| 03  | [Waiting for days](examples/03-wait)  | Pause for days.                    |",
].join("\n");
const README = (block) =>
  `# Title\n\n## Examples\n\n<!-- examples:start -->\n${block}\n<!-- examples:end -->\n\nMore.\n`;

const EXAMPLE_README = (deploy) =>
  `# Example\n\n## Deploy\n\n${deploy}\n\nExpected: done.\n\n## Next\n`;

/**
 * A repository with a README and the given examples, each { folder, title, description }, whose
 * READMEs have current Deploy commands unless `exampleReadme` says otherwise.
 */
function tempRepo(examples, readme = README("old table"), exampleReadme = undefined) {
  const root = mkdtempSync(join(tmpdir(), "example-index-"));
  writeFileSync(join(root, "README.md"), readme);
  for (const { folder, title, description } of examples) {
    mkdirSync(join(root, "examples", folder), { recursive: true });
    const manifest = {
      name: `@durable-examples/${folder}`,
      description,
      durableExample: { title, deploy: { executionTimeout: 900 }, input: { name: "World" } },
    };
    const dir = join(root, "examples", folder);
    writeFileSync(join(dir, "package.json"), JSON.stringify(manifest));
    const current = EXAMPLE_README(renderDeploySection(readExampleDeployment(dir)));
    writeFileSync(join(dir, "README.md"), exampleReadme ?? current);
  }
  mkdirSync(join(root, "examples"), { recursive: true });
  return root;
}

const runCli = (args) => runScript(cli, args);

describe("renderExampleTable", () => {
  it("renders one row per example, numbered, linked to its folder and padded", () => {
    expect(renderExampleTable([HELLO, WAIT])).toBe(TABLE);
  });

  it("escapes pipes and joins lines so a cell cannot break the table", () => {
    const table = renderExampleTable([
      { folder: "07-either", title: "This | that", description: "One line\n  and another." },
    ]);

    expect(table.split("\n")[2]).toBe(
      "| 07  | [This \\| that](examples/07-either) | One line and another. |",
    );
  });

  it("renders only the header when there are no examples", () => {
    expect(renderExampleTable([])).toBe(
      "| #   | Example | What it shows |\n| --- | ------- | ------------- |",
    );
  });
});

describe("replaceExampleBlock", () => {
  it("replaces what is between the markers and keeps the rest", () => {
    expect(replaceExampleBlock(README("stale\nrows"), TABLE)).toBe(README(TABLE));
  });

  it("changes nothing when the block is current", () => {
    expect(replaceExampleBlock(README(TABLE), TABLE)).toBe(README(TABLE));
  });

  it("says which marker is missing and how to add them", () => {
    expect(() => replaceExampleBlock("# Title\n", TABLE)).toThrow(
      "README.md has no <!-- examples:start --> and <!-- examples:end -->. Put the two markers " +
        "on their own lines where the example table belongs:\n<!-- examples:start -->\n<!-- examples:end -->",
    );
    expect(() => replaceExampleBlock("<!-- examples:start -->\n", TABLE)).toThrow(
      "README.md has no <!-- examples:end -->.",
    );
  });

  it("rejects markers out of order or repeated", () => {
    const message =
      "README.md must have exactly one <!-- examples:start -->, followed by <!-- examples:end -->.";
    expect(() =>
      replaceExampleBlock("<!-- examples:end -->\n<!-- examples:start -->", TABLE),
    ).toThrow(message);
    expect(() => replaceExampleBlock(`${README("a")}${README("b")}`, TABLE)).toThrow(message);
  });
});

describe("readExamples", () => {
  it("reads title and description from each example's package.json, in folder order", () => {
    const root = tempRepo([WAIT, HELLO]);

    expect(readExamples(join(root, "examples"))).toEqual([HELLO, WAIT]);
  });

  it("names the package.json that lacks a title or a description", () => {
    const noTitle = tempRepo([{ ...HELLO, title: undefined }]);
    const noDescription = tempRepo([{ ...HELLO, description: " " }]);

    expect(() => readExamples(join(noTitle, "examples"))).toThrow(
      `${join(noTitle, "examples/01-hello-step/package.json")} needs "durableExample": { "title": "..." }, a short title.`,
    );
    expect(() => readExamples(join(noDescription, "examples"))).toThrow(
      `${join(noDescription, "examples/01-hello-step/package.json")} needs "description", one sentence on what it shows.`,
    );
  });

  it("names a folder without package.json, with broken JSON, or without a number", () => {
    const root = tempRepo([]);
    mkdirSync(join(root, "examples", "02-empty"));
    expect(() => readExamples(join(root, "examples"))).toThrow(
      `${join(root, "examples/02-empty/package.json")} is missing; every example folder needs one.`,
    );

    writeFileSync(join(root, "examples", "02-empty", "package.json"), "{ nope");
    expect(() => readExamples(join(root, "examples"))).toThrow(
      `${join(root, "examples/02-empty/package.json")} is not valid JSON: `,
    );

    mkdirSync(join(root, "examples", "saga"));
    expect(() => readExamples(join(root, "examples"))).toThrow(
      `${join(root, "examples/saga")} is not named NN-concept (e.g. 04-saga); every folder in examples/ is an example.`,
    );
  });
});

describe("updateExampleIndex", () => {
  it("says so when there is no examples folder", () => {
    const root = mkdtempSync(join(tmpdir(), "example-index-"));
    writeFileSync(join(root, "README.md"), README(""));

    expect(() => updateExampleIndex({ root })).toThrow(
      `${join(root, "examples")} does not exist; there are no examples to index.`,
    );
  });

  it("rewrites an out-of-date table and reports it was out of date", () => {
    const root = tempRepo([HELLO, WAIT]);

    expect(updateExampleIndex({ root })).toMatchObject({ count: 2, upToDate: false });
    expect(readFileSync(join(root, "README.md"), "utf8")).toBe(README(TABLE));
    expect(updateExampleIndex({ root })).toMatchObject({ upToDate: true });
  });

  it("adds the Deploy commands under the heading of a README without them, keeping its text", () => {
    const root = tempRepo([HELLO], README(renderExampleTable([HELLO])), EXAMPLE_README("Mine."));
    const path = join(root, "examples", "01-hello-step", "README.md");

    expect(updateExampleIndex({ root })).toMatchObject({ upToDate: false, outdated: [path] });
    const readme = readFileSync(path, "utf8");
    expect(readme).toMatch(
      /## Deploy\n\n<!-- deploy:start -->\n[\s\S]*<!-- deploy:end -->\n\nMine\./,
    );
    expect(readme).toContain(
      "aws lambda create-function --function-name 01-hello-step \\\n" +
        "  --runtime nodejs22.x --handler index.handler --zip-file fileb://dist/function.zip \\\n" +
        '  --role "$LAMBDA_ROLE_ARN" --timeout 60 \\\n' +
        `  --durable-config '{"ExecutionTimeout":900,"RetentionPeriodInDays":14}'`,
    );
    expect(readme).toContain("cdk deploy -c example=01-hello-step");
    expect(updateExampleIndex({ root })).toMatchObject({ upToDate: true, outdated: [] });
  });

  it("names the example whose package.json has no execution timeout", () => {
    const root = tempRepo([HELLO]);
    const manifestPath = join(root, "examples", "01-hello-step", "package.json");
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
    delete manifest.durableExample.deploy;
    writeFileSync(manifestPath, JSON.stringify(manifest));

    expect(() => updateExampleIndex({ root })).toThrow(
      `${manifestPath} needs "durableExample": { "deploy": { "executionTimeout": <seconds> } }`,
    );
  });

  it("only reports with check, leaving the README as it was", () => {
    const root = tempRepo([HELLO, WAIT]);

    expect(updateExampleIndex({ root, check: true })).toMatchObject({ upToDate: false });
    expect(readFileSync(join(root, "README.md"), "utf8")).toBe(README("old table"));
  });
});

describe("example-index CLI", () => {
  it("with --check, exits 1 and says how to fix an out-of-date table", async () => {
    const root = tempRepo([HELLO]);
    const { code, stderr } = await runCli(["--check", "--root", root]);

    expect(code).toBe(1);
    expect(stderr).toBe(
      `[example-index] ${join(root, "README.md")} is out of date with ` +
        "examples/*/package.json. Run pnpm example-index and commit the result.\n",
    );
  });

  it("with --check, exits 0 when the table is current", async () => {
    const root = tempRepo([HELLO], README(renderExampleTable([HELLO])));
    const { code, stderr } = await runCli(["--check", "--root", root]);

    expect(code).toBe(0);
    expect(stderr).toBe(
      "[example-index] the example table and Deploy sections are up to date (1 example)\n",
    );
  });

  it("updates the table and says so", async () => {
    const root = tempRepo([HELLO]);
    const { code, stderr } = await runCli(["--root", root]);

    expect(code).toBe(0);
    expect(stderr).toBe(`[example-index] updated ${join(root, "README.md")} (1 example)\n`);
    expect(readFileSync(join(root, "README.md"), "utf8")).toBe(README(renderExampleTable([HELLO])));
  });

  it("exits 1 and explains the markers when the README has none", async () => {
    const root = tempRepo([HELLO], "# No table here\n");
    const { code, stderr } = await runCli(["--root", root]);

    expect(code).toBe(1);
    expect(stderr).toContain(
      `[example-index] ${join(root, "README.md")} has no <!-- examples:start -->`,
    );
  });

  it("exits 2 with the usage on an unexpected argument", async () => {
    const { code, stderr } = await runCli(["README.md"]);

    expect(code).toBe(2);
    expect(stderr).toMatch(/^\[example-index\] Unexpected argument 'README\.md'\.\nusage: /);
  });
});
