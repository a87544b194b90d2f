import { crc32, createDeflateRaw, deflateRawSync } from "node:zlib";

/** A zip entry as the test wants it written, odd or not. */
export interface RawEntry {
  name: string;
  data?: string | Buffer;
  /** The Unix mode kept in the external attributes; default a regular file (0o100644). */
  mode?: number;
  /** Already deflated bytes and the size they inflate to (for bombs). */
  deflated?: { bytes: Buffer; size: number };
}

/**
 * A zip with exactly these entries, names and modes unchecked, so tests can send the layouts a
 * careful writer (scripts/lib/zip.mjs) refuses to make. Entries are deflated.
 */
export function rawZip(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const data = Buffer.from(entry.data ?? "");
    const body = entry.deflated?.bytes ?? deflateRawSync(data);
    const size = entry.deflated?.size ?? data.length;
    const crc = entry.deflated === undefined ? crc32(data) : 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix, so the mode counts
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((entry.mode ?? 0o100644) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A plain handler module, zipped: `index.handler` runs `body` with `event` in scope. */
export function handlerZip(body: string): Buffer {
  return rawZip([
    { name: "index.mjs", data: `export const handler = async (event) => {${body}};` },
  ]);
}

/**
 * A zip bomb: `megabytes` MiB of zeros in one entry, deflated a MiB at a time so the test never
 * holds the unpacked bytes (240 MiB deflate to about 239 KB).
 */
export async function zipBomb(megabytes: number): Promise<Buffer> {
  const deflate = createDeflateRaw({ level: 9 });
  const chunks: Buffer[] = [];
  deflate.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise((resolve) => deflate.on("end", resolve));
  const mebibyte = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < megabytes; i++) {
    if (!deflate.write(mebibyte)) await new Promise((resolve) => deflate.once("drain", resolve));
  }
  deflate.end();
  await done;
  return rawZip([
    { name: "index.mjs", data: "export const handler = () => 1;" },
    {
      name: "zeros.bin",
      deflated: { bytes: Buffer.concat(chunks), size: megabytes * 1024 * 1024 },
    },
  ]);
}
