import { createHash } from "node:crypto";
import { constants, readdirSync, readFileSync, rmSync, truncateSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import { foldJournal, type JournalEntry } from "@durable-examples/service";
import { append, ensurePrivateDir, syncDir, syncFile, withFile } from "./private-files.js";

// Reading a journal just written would update its access time, which the next flush then has to
// write for every journal read: thousands of inodes after a restart. Linux lets the owner skip it.
const READ_WITHOUT_ATIME = constants.O_RDONLY | (constants.O_NOATIME ?? 0);

/** What the journals held when the server started. */
export interface LoadedJournals {
  /** One encoded snapshot per execution, for `importState`. */
  executions: unknown[];
  /** The latest clock time any line was written at (epoch ms), or undefined with no lines. */
  lastWrittenAt: number | undefined;
}

/**
 * Executions on disk: one append-only JSON-lines file per execution in `dir`, named after a hash
 * of its ARN. Each line is one `JournalEntry` (what a change added or changed) and the clock time
 * it was written at. So a checkpoint costs one line the size of that checkpoint, whatever else is
 * stored, and a crash at any moment loses at most a line that was still being written, which
 * nobody was told about: it is cut off on load.
 *
 * Invariant: `unsynced` holds every file written since it was last flushed (and `dirUnsynced`
 * says a file was created since the folder was), so `sync` before an answer makes everything
 * the answer reflects survive a power cut as well as a kill, with one flush per file touched.
 */
export class ExecutionJournal {
  private readonly unsynced = new Set<string>();
  private dirUnsynced = false;

  constructor(private readonly dir: string) {
    ensurePrivateDir(dir);
  }

  /** Appends each execution's entry (written, not yet flushed: see `sync`). */
  append(entries: readonly { executionArn: string; entry: JournalEntry }[], at: string): void {
    for (const { executionArn, entry } of entries) {
      const path = this.pathOf(executionArn);
      this.dirUnsynced ||= entry.seed !== undefined;
      append(path, `${JSON.stringify({ at, ...entry })}\n`);
      this.unsynced.add(path);
    }
  }

  /** Flushes every file written since the last call, and the folder if a file was created. */
  sync(): void {
    for (const path of this.unsynced) syncFile(path);
    this.unsynced.clear();
    if (this.dirUnsynced) syncDir(this.dir);
    this.dirUnsynced = false;
  }

  /** Deletes the journals of executions the service has forgotten. */
  remove(executionArns: readonly string[]): void {
    for (const arn of executionArns) {
      const path = this.pathOf(arn);
      rmSync(path, { force: true });
      this.unsynced.delete(path);
    }
    this.dirUnsynced ||= executionArns.length > 0;
  }

  /**
   * Reads every journal. A last line cut short (a crash while it was written) is dropped and cut
   * off the file; a journal of only such a line held nothing acknowledged and is deleted.
   *
   * @throws Error naming the file and line when a complete line is not a journal entry.
   */
  load(): LoadedJournals {
    const executions: unknown[] = [];
    let lastWrittenAt: number | undefined;
    for (const name of readdirSync(this.dir).filter((file) => file.endsWith(".jsonl"))) {
      const path = join(this.dir, name);
      const text = readWithoutAtime(path);
      const end = text.lastIndexOf("\n") + 1;
      if (end < text.length) truncateSync(path, Buffer.byteLength(text.slice(0, end)));
      if (end === 0) {
        unlinkSync(path);
        continue;
      }
      const lines = text.slice(0, end - 1).split("\n");
      const entries = lines.map((line, index) => {
        try {
          return JSON.parse(line) as JournalEntry & { at?: string };
        } catch (error) {
          throw new Error(
            `Failed to load ${path}: line ${index + 1} is not JSON (${(error as Error).message}). Move the file away to start without that execution.`,
            { cause: error },
          );
        }
      });
      try {
        executions.push(foldJournal(entries));
      } catch (error) {
        throw new Error(`Failed to load ${path}: ${(error as Error).message}`, { cause: error });
      }
      const at = Date.parse(entries.at(-1)?.at ?? "");
      if (!Number.isNaN(at)) lastWrittenAt = Math.max(lastWrittenAt ?? at, at);
    }
    return { executions, lastWrittenAt };
  }

  private pathOf(executionArn: string): string {
    const name = createHash("sha256").update(executionArn).digest("hex").slice(0, 32);
    return join(this.dir, `${name}.jsonl`);
  }
}

function readWithoutAtime(path: string): string {
  return withFile(path, READ_WITHOUT_ATIME, (fd) => readFileSync(fd, "utf8"));
}
