import { randomUUID } from "node:crypto";
import {
  appendFileSync,
  closeSync,
  fdatasyncSync,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  writeSync,
} from "node:fs";
import { dirname } from "node:path";

// The data directory holds callback ids and payloads: only its owner may read it.
/** The mode of every directory the local service creates. */
const PRIVATE_DIR = 0o700;
/** The mode of every file the local service creates. */
export const PRIVATE_FILE = 0o600;

/** Creates `dir` (and its parents) readable by its owner only, if it does not exist. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
}

/** Runs `use` on `path` opened with `flags` (a file it creates is private), then closes it. */
export function withFile<T>(path: string, flags: string | number, use: (fd: number) => T): T {
  const fd = openSync(path, flags, PRIVATE_FILE);
  try {
    return use(fd);
  } finally {
    closeSync(fd);
  }
}

/** Flushes a directory, so that files created or renamed in it survive a crash. */
export function syncDir(dir: string): void {
  withFile(dir, "r", fsyncSync);
}

/**
 * Writes `text` at the end of the file, creating it. Once written, the text survives the process
 * being killed (it is in the kernel's cache); {@link syncFile} makes it survive a power cut too.
 */
export function append(path: string, text: string): void {
  appendFileSync(path, text, { mode: PRIVATE_FILE });
}

/** Flushes a file's data to disk (fdatasync: its size too, not its times). */
export function syncFile(path: string): void {
  withFile(path, "r", fdatasyncSync);
}

/**
 * Replaces the file with `text` so that a crash at any moment leaves the old content or the new,
 * never half: a flushed temporary file beside it, renamed over it, then the directory flushed.
 *
 * @example
 * writeFileDurably(".durable-local/functions.json", JSON.stringify(records));
 */
export function writeFileDurably(path: string, text: string): void {
  ensurePrivateDir(dirname(path));
  const temporary = `${path}.${randomUUID()}.tmp`;
  withFile(temporary, "w", (fd) => {
    writeSync(fd, text);
    fsyncSync(fd);
  });
  renameSync(temporary, path);
  syncDir(dirname(path));
}
