// An independent zip reader for the tests: it starts from the end record, walks the central
// directory, checks each local header against it, inflates and verifies every CRC.
import { inflateRawSync } from "node:zlib";
import { crc32 } from "../../lib/zip.mjs";

/**
 * @param {Buffer} zip
 * @returns {{ name: string, method: number, crc: number, mode: number, dosDate: number,
 *   dosTime: number, data: Buffer }[]}
 */
export function readZip(zip) {
  const eocd = zip.length - 22; // no archive comment
  if (zip.readUInt32LE(eocd) !== 0x06054b50) throw new Error("no end of central directory record");
  const count = zip.readUInt16LE(eocd + 10);
  const centralSize = zip.readUInt32LE(eocd + 12);
  let at = zip.readUInt32LE(eocd + 16);
  if (at + centralSize !== eocd)
    throw new Error("central directory does not end at the end record");
  const entries = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central header ${i}`);
    const method = zip.readUInt16LE(at + 10);
    const dosTime = zip.readUInt16LE(at + 12);
    const dosDate = zip.readUInt16LE(at + 14);
    const crc = zip.readUInt32LE(at + 16);
    const compressedSize = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const mode = zip.readUInt32LE(at + 38) >>> 16;
    const offset = zip.readUInt32LE(at + 42);
    const name = zip.toString("utf8", at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;

    if (zip.readUInt32LE(offset) !== 0x04034b50) throw new Error(`bad local header for ${name}`);
    const localName = zip.toString(
      "utf8",
      offset + 30,
      offset + 30 + zip.readUInt16LE(offset + 26),
    );
    if (localName !== name) throw new Error(`local name ${localName} differs from ${name}`);
    if (zip.readUInt32LE(offset + 14) !== crc) throw new Error(`local CRC differs for ${name}`);
    const start = offset + 30 + zip.readUInt16LE(offset + 26) + zip.readUInt16LE(offset + 28);
    const body = zip.subarray(start, start + compressedSize);
    const data = method === 8 ? inflateRawSync(body) : Buffer.from(body);
    if (data.length !== size) throw new Error(`${name}: ${data.length} bytes, header says ${size}`);
    if (crc32(data) !== crc) throw new Error(`${name}: CRC mismatch`);
    entries.push({ name, method, crc, mode, dosDate, dosTime, data });
  }
  return entries;
}
