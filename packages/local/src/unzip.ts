import { inflateRawSync } from "node:zlib";
import { InvalidParameterValueError } from "@durable-examples/service";

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
const METHOD_STORE = 0;
const METHOD_DEFLATE = 8;
/** The end record is 22 bytes plus a comment of at most 65,535. */
const MAX_END_SEARCH = 22 + 0xffff;
/** Lambda's limit for a function's unzipped code: 250 MB. */
export const DEFAULT_MAX_UNZIPPED_BYTES = 250 * 1024 * 1024;
/** The file type bits of a Unix mode, which zip tools keep in the top half of the attributes. */
const UNIX_TYPE_MASK = 0o170000;
const UNIX_SYMLINK = 0o120000;
const UNIX_DIRECTORY = 0o040000;
const MADE_BY_UNIX = 3;

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/**
 * The files of a zip archive (a Lambda deployment package), by path. Reads the central
 * directory; supports stored and deflated entries, which is what `scripts/lib/zip.mjs` and
 * common zip tools write. Directories are skipped. Refused, before anything is unpacked: a path
 * that could leave the folder it is unpacked to (`..`, absolute, `\`), an empty or duplicate
 * name, a name used as both a file and a folder, a symbolic link, and more than
 * `maxUnzippedBytes` in all (a zip bomb); the declared sizes are checked first, and inflating
 * never writes past them.
 *
 * @throws InvalidParameterValueError if the bytes are not a zip this reader takes.
 * @example
 * const files = unzip(readFileSync("dist/function.zip"));
 * files.get("index.mjs"); // Buffer
 */
export function unzip(
  zip: Buffer,
  maxUnzippedBytes = DEFAULT_MAX_UNZIPPED_BYTES,
): Map<string, Buffer> {
  const entries = readCentralDirectory(zip);
  checkLayout(entries.map((entry) => entry.name));
  const total = entries.reduce((sum, entry) => sum + entry.size, 0);
  if (total > maxUnzippedBytes) {
    throw invalid(
      `it unpacks to ${total} bytes, more than the ${maxUnzippedBytes} a function's code may take`,
    );
  }
  const files = new Map<string, Buffer>();
  for (const entry of entries) files.set(entry.name, readEntry(zip, entry));
  return files;
}

function readCentralDirectory(zip: Buffer): Entry[] {
  const end = findEndRecord(zip);
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const entries: Entry[] = [];
  for (let index = 0; index < count; index++) {
    if (offset + 46 > zip.length || zip.readUInt32LE(offset) !== CENTRAL_FILE_HEADER) {
      throw invalid(`central directory entry ${index} is damaged`);
    }
    const madeBy = zip.readUInt8(offset + 5);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const unixMode = zip.readUInt32LE(offset + 38) >>> 16;
    const name = zip.toString("utf8", offset + 46, offset + 46 + nameLength);
    const entry: Entry = {
      name,
      method: zip.readUInt16LE(offset + 10),
      compressedSize: zip.readUInt32LE(offset + 20),
      size: zip.readUInt32LE(offset + 24),
      localOffset: zip.readUInt32LE(offset + 42),
    };
    offset += 46 + nameLength + extraLength + commentLength;
    const type = madeBy === MADE_BY_UNIX ? unixMode & UNIX_TYPE_MASK : 0;
    if (type === UNIX_SYMLINK) {
      throw invalid(`entry "${name}" is a symbolic link; a package holds regular files only`);
    }
    if (name.endsWith("/") || type === UNIX_DIRECTORY) {
      checkPath(name.replace(/\/$/, ""));
      continue;
    }
    checkPath(name);
    entries.push(entry);
  }
  return entries;
}

function readEntry(zip: Buffer, entry: Entry): Buffer {
  const { name, localOffset, compressedSize, size, method } = entry;
  if (localOffset + 30 > zip.length || zip.readUInt32LE(localOffset) !== LOCAL_FILE_HEADER) {
    throw invalid(`the local header of "${name}" is damaged`);
  }
  const dataStart =
    localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
  const data = zip.subarray(dataStart, dataStart + compressedSize);
  if (data.length !== compressedSize) throw invalid(`"${name}" is truncated`);
  let content: Buffer;
  if (method === METHOD_STORE) content = Buffer.from(data);
  else if (method === METHOD_DEFLATE) {
    try {
      // Never more than the declared size: a header that lies about it cannot unpack a bomb.
      content = inflateRawSync(data, { maxOutputLength: Math.max(size, 1) });
    } catch (error) {
      throw invalid(`"${name}" does not inflate to its declared ${size} bytes`, error);
    }
  } else {
    throw invalid(`"${name}" uses compression method ${method}; only store and deflate are read`);
  }
  if (content.length !== size) throw invalid(`"${name}" has the wrong size`);
  return content;
}

function findEndRecord(zip: Buffer): number {
  const stop = Math.max(0, zip.length - MAX_END_SEARCH);
  for (let offset = zip.length - 22; offset >= stop; offset--) {
    if (zip.readUInt32LE(offset) === END_OF_CENTRAL_DIRECTORY) return offset;
  }
  throw invalid("no end of central directory record was found");
}

function checkPath(name: string): void {
  if (name === "") throw invalid("an entry has an empty name");
  const parts = name.split("/");
  if (
    name.startsWith("/") ||
    name.includes("\\") ||
    name.includes("\0") ||
    /^[A-Za-z]:/.test(name) ||
    parts.some((part) => part === "" || part === "." || part === "..")
  ) {
    throw invalid(
      `entry "${name}" has a path outside the package or an empty, "." or ".." segment`,
    );
  }
}

/** Each path names one file, and no file is also a folder of another path. */
function checkLayout(names: string[]): void {
  const files = new Set<string>();
  const folders = new Set<string>();
  for (const name of names) {
    if (files.has(name)) throw invalid(`"${name}" appears twice`);
    files.add(name);
    const parts = name.split("/");
    for (let depth = 1; depth < parts.length; depth++) folders.add(parts.slice(0, depth).join("/"));
  }
  for (const name of files) {
    if (folders.has(name)) {
      throw invalid(`"${name}" is both a file and a folder`);
    }
  }
}

function invalid(reason: string, cause?: unknown): InvalidParameterValueError {
  return new InvalidParameterValueError(
    `Could not unzip the uploaded file: ${reason}. Upload a .zip of your bundle (for example dist/function.zip from pnpm build).`,
    cause === undefined ? undefined : { cause },
  );
}
