import { existsSync, readFileSync, renameSync } from "node:fs";
import { join } from "node:path";
import type { DurableExecutionService, ServiceState } from "@durable-examples/service";
import { DataDirLock } from "./data-dir-lock.js";
import { ExecutionJournal } from "./execution-journal.js";
import type { FunctionRecord } from "./function-store.js";
import { writeFileDurably } from "./private-files.js";
import { readStateFile } from "./state-file.js";

/** The format of `service.json` and of the journals; bumped when a field changes meaning. */
export const STORE_FORMAT = 2;

/** What a data directory held when the server started. */
export interface StoredState {
  /** The latest clock time written: a restarted server's clock never goes back. */
  clockTime: number | undefined;
  functions: FunctionRecord[];
  /** The service's state for `importState`, or undefined for an empty directory. */
  service: ServiceState | undefined;
  /** Whether `service` came from the journals (so they already hold it). */
  journaled: boolean;
}

/**
 * A data directory, locked to this server:
 *
 *     lock               who holds it (pid, host, URL)
 *     functions.json     the deployed functions, versions and aliases; rewritten when they change
 *     service.json       functions as the service knows them, plain function calls in flight
 *     executions/*.jsonl one append-only journal per execution (see ExecutionJournal)
 *     code/              unpacked deployment packages (FunctionStore)
 *
 * `save` writes what changed; `flush` makes it survive a power cut, and runs before every answer
 * the server gives, so nothing anyone was told is only in memory or only in the kernel's cache.
 * A `state.json` from an older version is imported once, then renamed.
 *
 * Invariant: `save` writes each file only when its content changed, and each execution's journal
 * only for what changed in it, so its cost follows the change rather than the directory.
 */
export class LocalStore {
  private readonly journal: ExecutionJournal;
  private readonly legacyPath: string;
  private savedFunctions: string | undefined;
  private savedService: string | undefined;
  private legacyImported = false;

  private constructor(
    private readonly dir: string,
    private readonly lock: DataDirLock,
  ) {
    this.journal = new ExecutionJournal(join(dir, "executions"));
    this.legacyPath = join(dir, "state.json");
  }

  /** @throws DataDirInUseError when another live server holds `dir`. */
  static open(dir: string): LocalStore {
    return new LocalStore(dir, DataDirLock.acquire(dir));
  }

  /** Reads what the directory holds; gives the lock back if that fails. */
  load(): StoredState {
    try {
      return this.read();
    } catch (error) {
      this.lock.release();
      throw error;
    }
  }

  /** Records the URL the server listens on in the lock. */
  serving(url: string): void {
    this.lock.serving(url);
  }

  /** Writes what changed since the last save (the journals: written, flushed by `flush`). */
  save(service: DurableExecutionService, functions: FunctionRecord[], now: Date): void {
    const { entries, forgotten } = service.takeJournalEntries();
    this.journal.append(entries, now.toISOString());
    this.journal.remove(forgotten);
    const {
      executions: _none,
      executionCount: _derived,
      ...shared
    } = service.exportState({
      executions: false,
    });
    this.savedService = this.writeIfChanged("service.json", shared, this.savedService);
    this.savedFunctions = this.writeIfChanged(
      "functions.json",
      { format: STORE_FORMAT, functions },
      this.savedFunctions,
    );
    if (this.legacyImported) {
      renameSync(this.legacyPath, `${this.legacyPath}.imported`);
      this.legacyImported = false;
    }
  }

  /** Flushes what `save` wrote to the journals. */
  flush(): void {
    this.journal.sync();
  }

  close(): void {
    this.lock.release();
  }

  private read(): StoredState {
    const functionsPath = join(this.dir, "functions.json");
    const servicePath = join(this.dir, "service.json");
    if (!existsSync(functionsPath) && existsSync(this.legacyPath)) {
      const legacy = readStateFile(this.legacyPath)!;
      this.legacyImported = true;
      return {
        clockTime: Date.parse(legacy.clockTime),
        functions: legacy.functions,
        service: legacy.service,
        journaled: false,
      };
    }
    const functions = readJson(functionsPath) as { functions?: FunctionRecord[] } | undefined;
    const shared = readJson(servicePath) as Omit<ServiceState, "executions"> | undefined;
    const { executions, lastWrittenAt } = this.journal.load();
    if (shared === undefined && executions.length === 0) {
      return {
        clockTime: undefined,
        functions: functions?.functions ?? [],
        service: undefined,
        journaled: true,
      };
    }
    return {
      clockTime: lastWrittenAt,
      functions: functions?.functions ?? [],
      service: {
        format: shared?.format ?? 1,
        executionCount: 0,
        functions: shared?.functions ?? [],
        functionCalls: shared?.functionCalls ?? [],
        executions,
      } as ServiceState,
      journaled: true,
    };
  }

  private writeIfChanged(name: string, value: unknown, saved: string | undefined): string {
    const text = JSON.stringify(value);
    if (text !== saved) writeFileDurably(join(this.dir, name), text);
    return text;
  }
}

function readJson(path: string): unknown {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(
      `Failed to load ${path}: it is not valid JSON (${(error as Error).message}). Move it away to start without it.`,
      { cause: error },
    );
  }
}
