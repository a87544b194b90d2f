import { inflateRawSync } from "node:zlib";
import { InvalidParameterValueError } from "@durable-examples/service";

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
const METHOD_STORE = 0;
const METHOD_DEFLATE = 8;
/** The end record is 22 bytes plus a comment of at most 65,535. */
const MAX_END_SEARCH = 22 + 0xffff;
/** What a function package may unpack to; Lambda's limit for unzipped code is 250 MB. */
const MAX_UNZIPPED_BYTES = 250 * 1024 * 1024;

/**
 * The files of a zip archive (a Lambda deployment package), by path. Reads the central
 * directory; supports stored and deflated entries, which is what `scripts/lib/zip.mjs` and
 * common zip tools write. Directories are skipped; paths that would leave the folder they are
 * unpacked to (`..`, absolute) are refused.
 *
 * @throws InvalidParameterValueError if the bytes are not a zip this reader understands.
 * @example
 * const files = unzip(readFileSync("dist/function.zip"));
 * files.get("index.mjs"); // Buffer
 */
export function unzip(zip: Buffer): Map<string, Buffer> {
  const end = findEndRecord(zip);
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  let total = 0;
  for (let index = 0; index < count; index++) {
    if (offset + 46 > zip.length || zip.readUInt32LE(offset) !== CENTRAL_FILE_HEADER) {
      throw invalid(`central directory entry ${index} is damaged`);
    }
    const method = zip.readUInt16LE(offset + 10);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const size = zip.readUInt32LE(offset + 24);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const localOffset = zip.readUInt32LE(offset + 42);
    const name = zip.toString("utf8", offset + 46, offset + 46 + nameLength);
    offset += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith("/")) continue;
    checkPath(name);
    if (localOffset + 30 > zip.length || zip.readUInt32LE(localOffset) !== LOCAL_FILE_HEADER) {
      throw invalid(`the local header of "${name}" is damaged`);
    }
    const dataStart =
      localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const data = zip.subarray(dataStart, dataStart + compressedSize);
    if (data.length !== compressedSize) throw invalid(`"${name}" is truncated`);
    total += size;
    if (total > MAX_UNZIPPED_BYTES) {
      throw invalid(`it unpacks to more than ${MAX_UNZIPPED_BYTES} bytes`);
    }
    let content: Buffer;
    if (method === METHOD_STORE) content = Buffer.from(data);
    else if (method === METHOD_DEFLATE) {
      try {
        content = inflateRawSync(data, { maxOutputLength: Math.max(size, 1) });
      } catch (error) {
        throw invalid(`"${name}" does not inflate (${(error as Error).message})`, error);
      }
    } else {
      throw invalid(`"${name}" uses compression method ${method}; only store and deflate are read`);
    }
    if (content.length !== size) throw invalid(`"${name}" has the wrong size`);
    files.set(name, content);
  }
  return files;
}

function findEndRecord(zip: Buffer): number {
  const stop = Math.max(0, zip.length - MAX_END_SEARCH);
  for (let offset = zip.length - 22; offset >= stop; offset--) {
    if (zip.readUInt32LE(offset) === END_OF_CENTRAL_DIRECTORY) return offset;
  }
  throw invalid("no end of central directory record was found");
}

function checkPath(name: string): void {
  const parts = name.split("/");
  if (name.startsWith("/") || name.includes("\\") || parts.includes("..") || name.includes("\0")) {
    throw invalid(`entry "${name}" has a path outside the package`);
  }
}

function invalid(reason: string, cause?: unknown): InvalidParameterValueError {
  return new InvalidParameterValueError(
    `Could not unzip the uploaded file: ${reason}. Upload a .zip of your bundle (for example dist/function.zip from pnpm build).`,
    cause === undefined ? undefined : { cause },
  );
}
