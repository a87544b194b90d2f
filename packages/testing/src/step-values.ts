/** The clock and randomness sources whose values a step attempt reads, as a replay check keeps them. */
export type ValueKind = "now" | "random" | "uuid" | "bytes";

/** What one invocation's step bodies read: recorded as they come, or given back as recorded. */
export interface StepValueSource {
  /**
   * The value of `kind` that step attempt `attempt` ("<wire id>#<n>") reads next: `fresh()` when
   * recording (and it is kept), the recorded one when giving back, or `fresh()` past the end.
   */
  take<T>(attempt: string, kind: ValueKind, fresh: () => T): T;
}

type Recorded = Record<ValueKind, unknown[]>;

/**
 * The values step bodies read during a replay check's first run, by execution and step attempt.
 * Time, randomness and ids taken inside a step are what the runtime tells users to do; when a
 * crash makes a step attempt run again, it gets the values its first run read, so the run can end
 * as the first did. An attempt the first run never made (an at-most-once step interrupted by the
 * crash goes on to its next attempt) gets the values of the step's last recorded attempt.
 *
 * Invariant: the values of an attempt are appended in the order its body read them, and only by
 * the first run.
 */
export class StepValueLog {
  readonly #attempts = new Map<string, Recorded>();
  /** The highest attempt recorded, by `<execution name>/<wire id>`. */
  readonly #lastAttempt = new Map<string, number>();

  /** A source that records what the first run's step bodies read in this execution. */
  recorder(executionName: string): StepValueSource {
    return {
      take: <T>(attempt: string, kind: ValueKind, fresh: () => T): T => {
        const value = fresh();
        this.#recordedFor(executionName, attempt)[kind].push(value);
        return value;
      },
    };
  }

  /** A source for one invocation of a crashed run: each attempt reads its values from the first. */
  replayer(executionName: string): StepValueSource {
    const positions = new Map<string, number>();
    return {
      take: <T>(attempt: string, kind: ValueKind, fresh: () => T): T => {
        const values = this.#recorded(executionName, attempt)?.[kind];
        const key = `${attempt}/${kind}`;
        const position = positions.get(key) ?? 0;
        positions.set(key, position + 1);
        return values !== undefined && position < values.length ? (values[position] as T) : fresh();
      },
    };
  }

  #recordedFor(executionName: string, attempt: string): Recorded {
    const key = `${executionName}/${attempt}`;
    let recorded = this.#attempts.get(key);
    if (recorded === undefined) {
      recorded = { now: [], random: [], uuid: [], bytes: [] };
      this.#attempts.set(key, recorded);
      const [operation, number] = splitAttempt(attempt);
      const step = `${executionName}/${operation}`;
      this.#lastAttempt.set(step, Math.max(number, this.#lastAttempt.get(step) ?? 0));
    }
    return recorded;
  }

  #recorded(executionName: string, attempt: string): Recorded | undefined {
    const exact = this.#attempts.get(`${executionName}/${attempt}`);
    if (exact !== undefined) return exact;
    const [operation] = splitAttempt(attempt);
    const last = this.#lastAttempt.get(`${executionName}/${operation}`);
    return last === undefined
      ? undefined
      : this.#attempts.get(`${executionName}/${operation}#${last}`);
  }
}

function splitAttempt(attempt: string): [string, number] {
  const at = attempt.lastIndexOf("#");
  return [attempt.slice(0, at), Number(attempt.slice(at + 1))];
}
