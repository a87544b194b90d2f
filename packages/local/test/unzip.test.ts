import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { unzip } from "../src/unzip.js";
import { rawZip, zipBomb } from "./http/zip-files.js";

const ZIP_MODULE = pathToFileURL(
  join(resolve(import.meta.dirname, "..", "..", ".."), "scripts", "lib", "zip.mjs"),
).href;

async function zipOf(entries: { name: string; data: string | Uint8Array }[]): Promise<Buffer> {
  const { createZip } = (await import(ZIP_MODULE)) as {
    createZip: (entries: { name: string; data: string | Uint8Array }[]) => Buffer;
  };
  return createZip(entries);
}

describe("unzip", () => {
  it("reads back the stored and deflated entries the repository's zip writer makes", async () => {
    const big = "export const handler = () => 1;\n".repeat(500);
    const files = unzip(
      await zipOf([
        { name: "index.mjs", data: big },
        { name: "lib/a.txt", data: "a" },
      ]),
    );
    expect([...files.keys()]).toEqual(["index.mjs", "lib/a.txt"]);
    expect(files.get("index.mjs")!.toString()).toBe(big);
    expect(files.get("lib/a.txt")!.toString()).toBe("a");
  });

  it("refuses bytes that are not a zip", () => {
    expect(() => unzip(Buffer.from("not a zip at all, just text"))).toThrow(
      "Could not unzip the uploaded file: no end of central directory record was found. Upload a .zip of your bundle (for example dist/function.zip from pnpm build).",
    );
  });

  it("refuses an entry whose path leaves the package", async () => {
    const zip = await zipOf([{ name: "x/../../evil.mjs", data: "x" }]).catch(() => undefined);
    // The writer may itself refuse such names; then there is nothing to unpack.
    if (zip !== undefined)
      expect(() => unzip(zip)).toThrow('entry "x/../../evil.mjs" has a path outside the package');
  });

  it.each([
    [
      "a file and a folder of one name",
      [{ name: "lib" }, { name: "lib/a.mjs" }],
      '"lib" is both a file and a folder',
    ],
    ["an empty name", [{ name: "" }], "an entry has an empty name"],
    [
      "a symbolic link",
      [{ name: "index.mjs", mode: 0o120777, data: "/etc/passwd" }],
      'entry "index.mjs" is a symbolic link; a package holds regular files only',
    ],
    [
      "an absolute path",
      [{ name: "/tmp/evil.mjs" }],
      'entry "/tmp/evil.mjs" has a path outside the package',
    ],
    [
      "a .. segment",
      [{ name: "x/../../evil.mjs" }],
      'entry "x/../../evil.mjs" has a path outside the package',
    ],
    [
      "a backslash",
      [{ name: "..\\evil.mjs" }],
      'entry "..\\evil.mjs" has a path outside the package',
    ],
    ["the same name twice", [{ name: "a.mjs" }, { name: "a.mjs" }], '"a.mjs" appears twice'],
  ])("refuses %s before unpacking anything", (_, entries, reason) => {
    expect(() => unzip(rawZip(entries))).toThrow(`Could not unzip the uploaded file: ${reason}`);
  });

  it("refuses a zip bomb by its declared size, before inflating it", async () => {
    const bomb = await zipBomb(240);
    expect(bomb.length).toBeLessThan(250 * 1024);
    expect(() => unzip(bomb, 100 * 1024 * 1024)).toThrow(
      `Could not unzip the uploaded file: it unpacks to ${240 * 1024 * 1024 + 31} bytes, more than the 104857600 a function's code may take.`,
    );
  });

  it("never inflates past the declared size, whatever the data holds", async () => {
    const bomb = await zipBomb(4);
    const lying = rawZip([
      { name: "zeros.bin", deflated: { bytes: bomb.subarray(0, 0), size: 10 } },
    ]);
    expect(() => unzip(lying)).toThrow('"zeros.bin" does not inflate to its declared 10 bytes');
  });
});
