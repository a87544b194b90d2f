import { readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { ensurePrivateDir, PRIVATE_FILE, writeFileDurably } from "./private-files.js";

/** Who holds a data directory: what `<data-dir>/lock` says. */
export interface LockHolder {
  pid: number;
  host: string;
  /** The URL it serves, once it listens. */
  url?: string;
  startedAt: string;
}

/** A second server asked for a data directory another one holds. */
export class DataDirInUseError extends Error {
  override name = "DataDirInUseError";
  constructor(
    message: string,
    readonly holder: LockHolder,
  ) {
    super(message);
  }
}

/**
 * The exclusive hold of one server on its data directory: two servers on one directory would
 * each run the other's executions and overwrite each other's journals. The lock file is created
 * exclusively; a lock left by a process that is gone (on this host) is taken over.
 *
 * @example
 * const lock = DataDirLock.acquire(".durable-local");
 * lock.serving("http://127.0.0.1:9000");
 * lock.release();
 */
export class DataDirLock {
  private holder: LockHolder;

  private constructor(
    private readonly path: string,
    holder: LockHolder,
  ) {
    this.holder = holder;
  }

  /** @throws DataDirInUseError naming the holder when a live server holds `dir`. */
  static acquire(dir: string): DataDirLock {
    ensurePrivateDir(dir);
    const path = join(dir, "lock");
    const holder: LockHolder = {
      pid: process.pid,
      host: hostname(),
      startedAt: new Date().toISOString(),
    };
    for (let attempt = 0; ; attempt++) {
      try {
        writeFileSync(path, JSON.stringify(holder), { flag: "wx", mode: PRIVATE_FILE });
        return new DataDirLock(path, holder);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST" || attempt > 0) throw error;
      }
      const current = readHolder(path);
      if (current !== undefined && !isStale(current)) {
        throw new DataDirInUseError(inUseMessage(dir, path, current), current);
      }
      // Left by a server that is gone: take it over.
      unlinkSync(path);
    }
  }

  /** Records the URL the server listens on, for the message a second server prints. */
  serving(url: string): void {
    this.holder = { ...this.holder, url };
    writeFileDurably(this.path, JSON.stringify(this.holder));
  }

  /** Gives the directory up, if the lock is still this process's. */
  release(): void {
    if (readHolder(this.path)?.pid === this.holder.pid) unlinkSync(this.path);
  }
}

function readHolder(path: string): LockHolder | undefined {
  try {
    const holder = JSON.parse(readFileSync(path, "utf8")) as Partial<LockHolder>;
    return typeof holder.pid === "number" && typeof holder.host === "string"
      ? (holder as LockHolder)
      : undefined;
  } catch {
    // Unreadable or half-written by a process killed while writing it: nobody holds it.
    return undefined;
  }
}

/** A lock of this host whose process no longer runs. Another host's lock cannot be checked. */
function isStale(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    // EPERM: the process runs, as another user.
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

function inUseMessage(dir: string, path: string, holder: LockHolder): string {
  const serving = holder.url === undefined ? "" : `, serving ${holder.url}`;
  const elsewhere =
    holder.host === hostname()
      ? ""
      : ` It runs on another host, so it cannot be checked from here: if it is gone, delete ${path}.`;
  return `The data directory ${dir} is in use by another durable-local (pid ${holder.pid} on ${holder.host}${serving}, since ${holder.startedAt}). Stop that server, or pass another --data-dir.${elsewhere}`;
}
