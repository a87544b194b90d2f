import type { Operation } from "@aws-sdk/client-lambda";

type Watcher = (operation: Operation) => void;

/**
 * The execution's operations as this invocation knows them, keyed by wire id.
 *
 * Invariants: a record is only ever replaced by a newer record of the same id (from a checkpoint
 * response); every watcher of an id is called with each new record of that id until it removes
 * itself.
 */
export class OperationLog {
  readonly #records = new Map<string, Operation>();
  readonly #watchers = new Map<string, Set<Watcher>>();

  constructor(operations: Operation[]) {
    for (const operation of operations) this.#records.set(operation.Id!, operation);
  }

  get size(): number {
    return this.#records.size;
  }

  get(id: string): Operation | undefined {
    return this.#records.get(id);
  }

  /** The EXECUTION operation the service created for this execution. */
  executionOperation(): Operation | undefined {
    for (const operation of this.#records.values())
      if (operation.Type === "EXECUTION") return operation;
    return undefined;
  }

  /** Takes in records from a checkpoint response and tells whoever watches them. */
  merge(operations: Operation[] | undefined): void {
    for (const operation of operations ?? []) {
      this.#records.set(operation.Id!, operation);
      for (const watcher of [...(this.#watchers.get(operation.Id!) ?? [])]) watcher(operation);
    }
  }

  /** Resolves with the next record of `id` (not the current one) that satisfies `predicate`. */
  until(id: string, predicate: (operation: Operation) => boolean): Promise<Operation> {
    return new Promise((resolve) => {
      const watcher: Watcher = (operation) => {
        if (!predicate(operation)) return;
        this.#watchers.get(id)?.delete(watcher);
        resolve(operation);
      };
      let set = this.#watchers.get(id);
      if (set === undefined) {
        set = new Set();
        this.#watchers.set(id, set);
      }
      set.add(watcher);
    });
  }
}
