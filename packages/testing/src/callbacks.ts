import type { ErrorObject } from "@aws-sdk/client-lambda";

/** A length of virtual time, as the runtime's `Duration`. */
export interface Duration {
  days?: number;
  hours?: number;
  minutes?: number;
  seconds?: number;
}

/**
 * What the outside world does to a callback, declared before the run. Each answer applies to every
 * callback whose operation name matches (`"*"` matches any; an unnamed callback inside
 * `waitForCallback` goes by the waitForCallback's name), `after` its start in virtual time. With
 * `once`, it applies to one callback only: each callback takes the first such answer that matches
 * and is still unused, and after a heartbeat the next one, as the conformance suite's validator
 * hands out its callback actions.
 */
export type CallbackAnswer = (
  | { name: string; succeed: unknown; after?: Duration }
  | { name: string; fail: ErrorObject | string; after?: Duration }
  | { name: string; heartbeat: true; after?: Duration }
  | { name: string; never: true }
) & { once?: boolean };

export function durationMs(duration: Duration | undefined, what: string): number {
  if (duration === undefined) return 0;
  let total = 0;
  for (const [unit, ms] of [
    ["days", 86_400_000],
    ["hours", 3_600_000],
    ["minutes", 60_000],
    ["seconds", 1_000],
  ] as const) {
    const value = duration[unit];
    if (value === undefined) continue;
    if (typeof value !== "number" || !(value >= 0)) {
      throw new TypeError(`${what}: ${unit} must be a number of 0 or more, got ${String(value)}.`);
    }
    total += value * ms;
  }
  return total;
}

/** The body `SendDurableExecutionCallbackSuccess` carries: strings as they are, anything else as JSON. */
export function callbackResult(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === "string" ? value : JSON.stringify(value);
}

export function callbackError(error: ErrorObject | string | undefined): ErrorObject | undefined {
  return typeof error === "string" ? { ErrorMessage: error } : error;
}

export function describeAnswer(answer: CallbackAnswer): string {
  if ("succeed" in answer) return "succeed";
  if ("fail" in answer) return "fail";
  if ("heartbeat" in answer) return "heartbeat";
  return "never";
}

/** A callback of the run as the harness tracks it. */
export interface TrackedCallback {
  callbackId: string;
  operationId: string;
  /** Its own name, or its waitForCallback's. */
  name: string | undefined;
  startedAt: Date;
  status: string;
}

interface ScheduledAnswer {
  at: number;
  callbackId: string;
  /** Position of the answer in the declared list. */
  index: number;
}

/**
 * The declared answers of a run and when each is due.
 *
 * Invariants: a callback's answers are scheduled once, when it is first seen, `after` its start;
 * `scheduled` is sorted by time; `applied` names every answer sent, as `<callbackId>#<index>`.
 */
export class DeclaredAnswers {
  readonly #answers: readonly CallbackAnswer[];
  #scheduled: ScheduledAnswer[] = [];
  /** Callbacks seen, with what a `once` answer after a heartbeat needs to know. */
  readonly #seen = new Map<string, TrackedCallback>();
  /** The `once` answers taken, by position. */
  readonly #taken = new Set<number>();
  readonly #applied = new Set<string>();

  constructor(answers: readonly CallbackAnswer[]) {
    this.#answers = answers;
  }

  get hasPending(): boolean {
    return this.#scheduled.length > 0;
  }

  /** When the next answer is due, if any is scheduled. */
  nextAt(): number | undefined {
    return this.#scheduled[0]?.at;
  }

  /** Schedules the answers of callbacks seen for the first time. */
  track(callbacks: () => readonly TrackedCallback[]): void {
    if (this.#answers.length === 0) return;
    for (const callback of callbacks()) {
      if (this.#seen.has(callback.callbackId)) continue;
      this.#seen.set(callback.callbackId, callback);
      let tookOnce = false;
      for (const [index, answer] of this.#answers.entries()) {
        if (answer.name !== "*" && answer.name !== callback.name) continue;
        if ("never" in answer) break;
        if (answer.once === true) {
          if (tookOnce || this.#taken.has(index)) continue;
          tookOnce = true;
        }
        this.#schedule(callback, index, 0);
      }
    }
    this.#scheduled.sort((a, b) => a.at - b.at);
  }

  #schedule(callback: TrackedCallback, index: number, notBefore: number): void {
    const answer = this.#answers[index]!;
    if (answer.once === true) this.#taken.add(index);
    const after = "never" in answer ? undefined : answer.after;
    const delay = durationMs(after, `callbacks answer "${answer.name}" after`);
    this.#scheduled.push({
      at: Math.max(notBefore, callback.startedAt.getTime() + delay),
      callbackId: callback.callbackId,
      index,
    });
  }

  /** Takes the answers due by `now`, in order, marking them applied. */
  takeDue(now: number): { callbackId: string; answer: CallbackAnswer }[] {
    const due: { callbackId: string; answer: CallbackAnswer }[] = [];
    while (this.#scheduled.length > 0 && this.#scheduled[0]!.at <= now) {
      const { callbackId, index } = this.#scheduled.shift()!;
      const answer = this.#answers[index]!;
      this.#applied.add(`${callbackId}#${index}`);
      due.push({ callbackId, answer });
      // A heartbeat leaves the callback open: it takes its next `once` answer.
      if (answer.once === true && "heartbeat" in answer) this.#takeNextOnce(callbackId, now);
    }
    return due;
  }

  #takeNextOnce(callbackId: string, now: number): void {
    const callback = this.#seen.get(callbackId)!;
    const index = this.#answers.findIndex(
      (answer, position) =>
        answer.once === true &&
        !this.#taken.has(position) &&
        !("never" in answer) &&
        (answer.name === "*" || answer.name === callback.name),
    );
    if (index < 0) return;
    this.#schedule(callback, index, now);
    this.#scheduled.sort((a, b) => a.at - b.at);
  }

  /** Declared names that matched none of these callbacks: most likely a typo. */
  unmatched(callbacks: readonly TrackedCallback[]): string[] {
    const names = new Set(callbacks.map((callback) => callback.name));
    return [...new Set(this.#answers.map((answer) => answer.name))].filter(
      (name) => name !== "*" && !names.has(name),
    );
  }

  /** An independent copy, for a fork of the run. */
  copy(): DeclaredAnswers {
    const copy = new DeclaredAnswers(this.#answers);
    copy.#scheduled = this.#scheduled.map((entry) => ({ ...entry }));
    for (const [id, callback] of this.#seen) copy.#seen.set(id, callback);
    for (const index of this.#taken) copy.#taken.add(index);
    for (const key of this.#applied) copy.#applied.add(key);
    return copy;
  }

  /**
   * What decides the answers still to come: those already sent. (When a callback is first seen
   * only moves where its answers wait, not when they are due.)
   */
  digest(): string {
    return [...this.#applied].sort().join(",");
  }
}
