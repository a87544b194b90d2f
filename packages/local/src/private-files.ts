import { randomUUID } from "node:crypto";
import {
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

/** Flushes a directory, so that files created or renamed in it survive a crash. */
export function syncDir(dir: string): void {
  const fd = openSync(dir, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes `text` at the end of the file, creating it. Once written, the text survives the process
 * being killed (it is in the kernel's cache); {@link syncFile} makes it survive a power cut too.
 */
export function append(path: string, text: string): void {
  const fd = openSync(path, "a", PRIVATE_FILE);
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

/** Flushes a file's data to disk (fdatasync: its size too, not its times). */
export function syncFile(path: string): void {
  const fd = openSync(path, "r");
  try {
    fdatasyncSync(fd);
  } finally {
    closeSync(fd);
  }
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
  const fd = openSync(temporary, "w", PRIVATE_FILE);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
  syncDir(dirname(path));
}
