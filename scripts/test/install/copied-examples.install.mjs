// Copies two examples out of the repository, one on our runtime and one on the official SDK, and
// installs, tests and builds each where nothing of the workspace can be found. It needs the npm
// registry, so it is not part of `pnpm test`: `pnpm --filter @durable-examples/scripts
// test:copies` runs it, and .ci/run does.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { describe, expect, it } from "vitest";
import { copyExample } from "../../copy-example.mjs";

// npm install fetches vitest, TypeScript, esbuild and the AWS SDK; on a loaded 2-core machine
// with a slow registry that can take minutes; .ci/run bounds the whole step at 10.
const INSTALL_TIMEOUT_MS = 240_000;
const slow = { timeout: INSTALL_TIMEOUT_MS };

/** Runs an npm command in the copy; returns its exit status and output, colours stripped. */
function npm(dir, ...args) {
  const result = spawnSync("npm", [...args, "--no-audit", "--no-fund"], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
    timeout: INSTALL_TIMEOUT_MS,
  });
  const output = stripVTControlCharacters(`${result.stdout}${result.stderr}`);
  return { status: result.status, output };
}

describe.each([
  { example: "04-human-approval", sdk: "ours", typecheck: true },
  // Our runtime accepts a step function that returns a plain value; the official SDK's types ask
  // for a promise, so the copy runs and bundles on it but tsc reports those steps.
  { example: "03-wait", sdk: "official", typecheck: false },
])("$example copied with --sdk $sdk", ({ example, sdk, typecheck }) => {
  const dir = join(mkdtempSync(join(tmpdir(), "copied-example-")), example);
  copyExample(example, dir, { sdk });

  it("installs from vendor/ and the npm registry alone", slow, () => {
    const { status, output } = npm(dir, "install");
    expect(output).not.toContain("ERR!");
    expect(status).toBe(0);
  });

  it("passes its tests", slow, () => {
    const { status, output } = npm(dir, "test");
    expect(output).toMatch(/Tests\s+\d+ passed/);
    expect(output).not.toMatch(/Tests\s+\d+ failed/);
    expect(status).toBe(0);
  });

  it("bundles for Lambda", slow, () => {
    const { status, output } = npm(dir, "run", "build");
    expect(output).toContain("dist/function.zip");
    expect(status).toBe(0);
    expect(existsSync(join(dir, "dist", "function.zip"))).toBe(true);
  });

  if (typecheck) {
    it("typechecks", slow, () => {
      const { status, output } = npm(dir, "run", "typecheck");
      expect(output).not.toContain("error TS");
      expect(status).toBe(0);
    });
  }
});
