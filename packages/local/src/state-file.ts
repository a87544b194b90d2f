import { existsSync, readFileSync } from "node:fs";
import type { ServiceState } from "@durable-examples/service";
import type { FunctionRecord } from "./function-store.js";

/** The format of `state.json`; bumped when a field changes meaning. */
export const STATE_FILE_FORMAT = 1;

/** What the local service wrote to `<data-dir>/state.json` after every change before journals; read once to import it. */
export interface StateFile {
  format: typeof STATE_FILE_FORMAT;
  /** The local clock's reading when written: a restarted server's clock never goes back. */
  clockTime: string;
  functions: FunctionRecord[];
  service: ServiceState;
}

/**
 * The state file at `path`, or undefined if there is none yet.
 *
 * @throws Error naming the file if it is not a state file this version can read.
 */
export function readStateFile(path: string): StateFile | undefined {
  if (!existsSync(path)) return undefined;
  let parsed: Partial<StateFile>;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8")) as Partial<StateFile>;
  } catch (error) {
    throw new Error(
      `Failed to load ${path}: it is not valid JSON (${(error as Error).message}). Move it away to start with an empty service.`,
      { cause: error },
    );
  }
  if (parsed?.format !== STATE_FILE_FORMAT || !Array.isArray(parsed.functions)) {
    throw new Error(
      `Failed to load ${path}: expected a durable-local state file of format ${STATE_FILE_FORMAT}, got format ${String(parsed?.format)}. Move it away to start with an empty service.`,
    );
  }
  return parsed as StateFile;
}
