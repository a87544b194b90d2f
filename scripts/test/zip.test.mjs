import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { crc32, createZip } from "../lib/zip.mjs";
import { hasPython, pythonTestZip } from "./helpers/python-zip.mjs";
import { readZip } from "./helpers/read-zip.mjs";

describe("crc32", () => {
  it("matches the standard check values", () => {
    expect(crc32(Buffer.alloc(0))).toBe(0);
    expect(crc32(Buffer.from("123456789"))).toBe(0xcbf43926);
    expect(crc32(Buffer.from("The quick brown fox jumps over the lazy dog"))).toBe(0x414fa339);
  });

  it.skipIf(typeof zlib.crc32 !== "function")("agrees with zlib.crc32 on random data", () => {
    const data = randomBytes(100_000);
    expect(crc32(data)).toBe(zlib.crc32(data));
  });
});

describe("createZip", () => {
  const code = "export const handler = async () => 'ok';\n".repeat(200);
  const noise = randomBytes(2048);

  it("writes entries that read back with their names, contents and CRCs", () => {
    const zip = createZip([
      { name: "index.mjs", data: code },
      { name: "assets/noise.bin", data: noise },
      { name: "naïve.txt", data: "utf-8 name" },
    ]);
    const entries = readZip(zip);

    expect(entries.map((e) => e.name)).toEqual(["index.mjs", "assets/noise.bin", "naïve.txt"]);
    expect(entries[0].data.toString("utf8")).toBe(code);
    expect(entries[1].data.equals(noise)).toBe(true);
    expect(entries[0].crc).toBe(crc32(Buffer.from(code)));
  });

  it("deflates text and stores data that deflate cannot shrink", () => {
    const [text, random] = readZip(
      createZip([
        { name: "a.txt", data: code },
        { name: "b.bin", data: noise },
      ]),
    );

    expect(text.method).toBe(8);
    expect(random.method).toBe(0);
  });

  it("gives every entry a fixed 1980-01-01 timestamp and mode 0644, so builds are reproducible", () => {
    const first = createZip([{ name: "index.mjs", data: code }]);
    const second = createZip([{ name: "index.mjs", data: code }]);
    const [entry] = readZip(first);

    expect(first.equals(second)).toBe(true);
    expect(entry.dosDate).toBe(0x21);
    expect(entry.dosTime).toBe(0);
    expect(entry.mode).toBe(0o100644);
  });

  it("writes an empty archive as a lone end record", () => {
    const zip = createZip([]);

    expect(zip.length).toBe(22);
    expect(readZip(zip)).toEqual([]);
  });

  it.skipIf(!hasPython)("writes archives that Python's zipfile tests clean", () => {
    const path = join(mkdtempSync(join(tmpdir(), "zip-test-")), "test.zip");
    writeFileSync(
      path,
      createZip([
        { name: "index.mjs", data: code },
        { name: "noise.bin", data: noise },
      ]),
    );

    expect(pythonTestZip(path)).toEqual({ bad: null, names: ["index.mjs", "noise.bin"] });
  });

  it("rejects names that could escape the folder they are unpacked into", () => {
    for (const name of ["", "/etc/passwd", "../index.mjs", "a/../../b", "dist\\index.mjs"]) {
      expect(() => createZip([{ name, data: "x" }])).toThrow(
        `Zip entry name "${name}" is not allowed: use a relative path with forward slashes and no "..".`,
      );
    }
  });

  it("rejects the same name twice", () => {
    expect(() =>
      createZip([
        { name: "index.mjs", data: "a" },
        { name: "index.mjs", data: "b" },
      ]),
    ).toThrow('Zip entry name "index.mjs" appears twice.');
  });
});
