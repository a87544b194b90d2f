import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { unzip } from "../src/unzip.js";

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
});
