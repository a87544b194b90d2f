// A minimal zip writer for Lambda deployment packages: deflate (or store) each entry, then the
// central directory and the end record. No zip64, no encryption, no extra fields. Every entry has
// the same DOS timestamp and Unix mode, so the same input always gives the same bytes.
import { deflateRawSync } from "node:zlib";

/** 1980-01-01 00:00:00, the earliest DOS date: day 1, month 1, year 0 (1980). */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const DOS_TIME = 0;
/** Regular file, rw-r--r--: Lambda must be able to read every file in the package. */
const UNIX_FILE_MODE = 0o100644;
const VERSION_NEEDED = 20; // 2.0: deflate
const VERSION_MADE_BY = (3 << 8) | VERSION_NEEDED; // 3 = Unix, so the mode above is honoured
const FLAG_UTF8_NAME = 0x0800;
const METHOD_STORE = 0;
const METHOD_DEFLATE = 8;
const MAX_UINT32 = 0xffffffff;
const MAX_ENTRIES = 0xffff;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/**
 * CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), as zip stores it.
 * @param {Uint8Array} data
 * @returns {number} unsigned 32-bit checksum
 * @example crc32(Buffer.from("123456789")) === 0xcbf43926
 */
export function crc32(data) {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc = /** @type {number} */ (CRC_TABLE[(crc ^ byte) & 0xff]) ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * @typedef {object} ZipEntry
 * @property {string} name path inside the archive, with forward slashes, e.g. "index.mjs"
 * @property {Uint8Array | string} data file contents; strings are written as UTF-8
 */

/**
 * Builds a zip archive in memory. Each entry is deflated, or stored when deflating would not make
 * it smaller.
 * @param {ZipEntry[]} entries
 * @returns {Buffer}
 * @example writeFileSync("function.zip", createZip([{ name: "index.mjs", data: code }]))
 */
export function createZip(entries) {
  if (entries.length > MAX_ENTRIES) {
    throw new RangeError(`A zip holds at most ${MAX_ENTRIES} entries here, got ${entries.length}.`);
  }
  const seen = new Set();
  const localParts = [];
  const centralParts = [];
  let offset = 0;
  for (const entry of entries) {
    const name = checkName(entry.name, seen);
    const data = typeof entry.data === "string" ? Buffer.from(entry.data, "utf8") : entry.data;
    if (data.length > MAX_UINT32) {
      throw new RangeError(`Zip entry "${entry.name}" is ${data.length} bytes; at most 4 GiB fit.`);
    }
    const deflated = deflateRawSync(data, { level: 9 });
    const stored = deflated.length >= data.length;
    const body = stored ? data : deflated;
    const fields = {
      method: stored ? METHOD_STORE : METHOD_DEFLATE,
      crc: crc32(data),
      compressedSize: body.length,
      size: data.length,
      nameLength: name.length,
    };
    localParts.push(localHeader(fields), name, body);
    centralParts.push(centralHeader(fields, offset), name);
    offset += 30 + name.length + body.length;
    if (offset > MAX_UINT32) throw new RangeError("Zip archive would exceed 4 GiB.");
  }
  const central = Buffer.concat(centralParts);
  return Buffer.concat([...localParts, central, endRecord(entries.length, central.length, offset)]);
}

/** @param {string} name @param {Set<string>} seen */
function checkName(name, seen) {
  if (
    name === "" ||
    name.startsWith("/") ||
    name.includes("\\") ||
    name.split("/").includes("..")
  ) {
    throw new TypeError(
      `Zip entry name "${name}" is not allowed: use a relative path with forward slashes and no "..".`,
    );
  }
  if (seen.has(name)) throw new TypeError(`Zip entry name "${name}" appears twice.`);
  seen.add(name);
  return Buffer.from(name, "utf8");
}

/**
 * @typedef {{ method: number, crc: number, compressedSize: number, size: number, nameLength: number }} EntryFields
 */

/** @param {EntryFields} f */
function localHeader(f) {
  const b = Buffer.alloc(30);
  b.writeUInt32LE(0x04034b50, 0);
  b.writeUInt16LE(VERSION_NEEDED, 4);
  b.writeUInt16LE(FLAG_UTF8_NAME, 6);
  b.writeUInt16LE(f.method, 8);
  b.writeUInt16LE(DOS_TIME, 10);
  b.writeUInt16LE(DOS_DATE, 12);
  b.writeUInt32LE(f.crc, 14);
  b.writeUInt32LE(f.compressedSize, 18);
  b.writeUInt32LE(f.size, 22);
  b.writeUInt16LE(f.nameLength, 26);
  b.writeUInt16LE(0, 28); // extra field length
  return b;
}

/** @param {EntryFields} f @param {number} localOffset */
function centralHeader(f, localOffset) {
  const b = Buffer.alloc(46);
  b.writeUInt32LE(0x02014b50, 0);
  b.writeUInt16LE(VERSION_MADE_BY, 4);
  b.writeUInt16LE(VERSION_NEEDED, 6);
  b.writeUInt16LE(FLAG_UTF8_NAME, 8);
  b.writeUInt16LE(f.method, 10);
  b.writeUInt16LE(DOS_TIME, 12);
  b.writeUInt16LE(DOS_DATE, 14);
  b.writeUInt32LE(f.crc, 16);
  b.writeUInt32LE(f.compressedSize, 20);
  b.writeUInt32LE(f.size, 24);
  b.writeUInt16LE(f.nameLength, 28);
  // 30: extra length, 32: comment length, 34: disk number, 36: internal attributes, all 0
  b.writeUInt32LE((UNIX_FILE_MODE << 16) >>> 0, 38);
  b.writeUInt32LE(localOffset, 42);
  return b;
}

/** @param {number} count @param {number} centralSize @param {number} centralOffset */
function endRecord(count, centralSize, centralOffset) {
  const b = Buffer.alloc(22);
  b.writeUInt32LE(0x06054b50, 0);
  // 4: this disk, 6: disk with the central directory, both 0
  b.writeUInt16LE(count, 8);
  b.writeUInt16LE(count, 10);
  b.writeUInt32LE(centralSize, 12);
  b.writeUInt32LE(centralOffset, 16);
  // 20: comment length 0
  return b;
}
