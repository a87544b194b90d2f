import { AsyncLocalStorage } from "node:async_hooks";
import nodeCrypto from "node:crypto";
import { syncBuiltinESMExports } from "node:module";
import { clearTimeout, setTimeout } from "node:timers";
import type { ErrorObject } from "@aws-sdk/client-lambda";
import type { InvocationOutcome } from "@durable-examples/service";
import { lambdaTrap } from "./lambda-trap.js";
import { type DurableRuntimeName, isOfficialOperationStore } from "./runtimes.js";
import type { StepValueSource } from "./step-values.js";

/**
 * What the harness knows about the invocation running now. Console calls, the clock, randomness
 * and `simulateCrash` find it through async context, so runs in parallel never mix.
 */
export interface InvocationScope {
  logs: Record<string, unknown>[];
  /** Shift the clock and `Math.random` outside step bodies (replay checks). */
  perturb: boolean;
  /** Where step bodies' clock and randomness values come from (replay checks). */
  stepValues?: StepValueSource | undefined;
  /**
   * `Math.random` outside steps (replay checks): the same draws in every invocation, so a
   * perturbed replay's draws always differ from the first run's, not only by chance.
   */
  outsideRandom?: (() => number) | undefined;
  /** Set once the handler is seen running on a runtime the harness recognises as it runs. */
  runtime?: DurableRuntimeName;
  crash(reason: string): void;
}

const storage = new AsyncLocalStorage<InvocationScope>();

const PROBES = Symbol.for("durable-examples.step-scope-probes");
/**
 * The step attempt running now ("<operation id>#<n>"): as our runtime's probe tells it, or as
 * the official SDK's operation store says (see `runtimes.ts`).
 */
function stepAttempt(): string | undefined {
  const probes = (globalThis as { [PROBES]?: Set<() => unknown> })[PROBES];
  if (probes !== undefined) {
    for (const probe of probes) {
      const attempt = probe();
      if (typeof attempt === "string") return attempt;
    }
  }
  return officialStep.getStore();
}

/** The official SDK's step attempt running now, kept beside its own store as it enters one. */
const officialStep = new AsyncLocalStorage<string | undefined>();

/** A year and a bit: a branch on the clock outside a step cannot come out the same. */
const CLOCK_SHIFT_MS = 400 * 86_400_000 + 12_345;

const original = {
  console: {
    log: console.log,
    info: console.info,
    warn: console.warn,
    error: console.error,
    debug: console.debug,
  },
  Date,
  asyncLocalStorageRun: AsyncLocalStorage.prototype.run,
  stdoutWrite: process.stdout.write,
  stderrWrite: process.stderr.write,
  now: Date.now,
  random: Math.random,
  webRandomUUID: globalThis.crypto.randomUUID,
  getRandomValues: globalThis.crypto.getRandomValues,
  nodeRandomUUID: nodeCrypto.randomUUID,
};

/** The clock as the code running now must see it. */
function now(): number {
  const real = original.now.call(Date);
  const scope = storage.getStore();
  if (scope === undefined) return real;
  const attempt = stepAttempt();
  if (attempt !== undefined) return scope.stepValues?.take(attempt, "now", () => real) ?? real;
  return scope.perturb ? real + CLOCK_SHIFT_MS : real;
}

function random(): number {
  const value = original.random.call(Math);
  const scope = storage.getStore();
  if (scope === undefined) return value;
  const attempt = stepAttempt();
  if (attempt !== undefined) return scope.stepValues?.take(attempt, "random", () => value) ?? value;
  const drawn = scope.outsideRandom?.() ?? value;
  return scope.perturb ? (drawn + 0.5) % 1 : drawn;
}

type Uuid = ReturnType<typeof nodeCrypto.randomUUID>;

/** A random UUID that a step attempt running again reads as it did the first time. */
function stepUuid(fresh: () => Uuid): Uuid {
  const attempt = stepAttempt();
  const values = storage.getStore()?.stepValues;
  return attempt === undefined || values === undefined
    ? fresh()
    : values.take(attempt, "uuid", fresh);
}

/**
 * `new Date()` and `Date()` read the clock without calling `Date.now`; the proxy gives them
 * {@link now}. Everything else (`new Date(ms)`, `Date.parse`, `instanceof Date`) is the original.
 */
const PatchedDate: DateConstructor = new Proxy(original.Date, {
  construct(target, args, newTarget) {
    if (newTarget !== PatchedDate) {
      return Reflect.construct(target, args.length === 0 ? [now()] : args, newTarget);
    }
    // The common case, kept fast: the service makes a Date for every timestamp it copies.
    if (args.length === 1) return new target(args[0] as number | string | Date);
    return Reflect.construct(target, args.length === 0 ? [now()] : args);
  },
  apply(target) {
    return new target(now()).toString();
  },
});

const counts = { runs: 0, sources: 0 };
let armed: Promise<void> | undefined;

/**
 * The console and the process's output streams (into the run's logs: a logger with a console of
 * its own, as the official SDK's and Powertools' have, writes to the streams), and
 * `AsyncLocalStorage.run` (to see the official SDK).
 */
function installRunPatches(): void {
  for (const level of ["log", "info", "warn", "error", "debug"] as const) {
    console[level] = (...args: unknown[]) => {
      const scope = storage.getStore();
      if (scope === undefined) return original.console[level].apply(console, args);
      scope.logs.push(toLogRecord(level, args));
    };
  }
  for (const [stream, level] of [
    [process.stdout, "info"],
    [process.stderr, "error"],
  ] as const) {
    const write = stream === process.stdout ? original.stdoutWrite : original.stderrWrite;
    stream.write = function captured(this: typeof stream, chunk: unknown, ...rest: unknown[]) {
      const scope = storage.getStore();
      if (scope === undefined)
        return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
      for (const line of String(chunk).split("\n")) {
        if (line.trim() !== "") scope.logs.push(toLogRecord(level, [line]));
      }
      const done = rest.find((arg) => typeof arg === "function") as (() => void) | undefined;
      if (done !== undefined) process.nextTick(done);
      return true;
    } as typeof stream.write;
  }
  const run = original.asyncLocalStorageRun;
  AsyncLocalStorage.prototype.run = function runWatched(
    this: AsyncLocalStorage<unknown>,
    store: unknown,
    callback: (...args: unknown[]) => unknown,
    ...args: unknown[]
  ) {
    if (this === officialStep || this === storage || !isOfficialOperationStore(store)) {
      return run.call(this, store, callback, ...args);
    }
    const scope = storage.getStore();
    if (scope !== undefined) scope.runtime = "@aws/durable-execution-sdk-js";
    const attempt =
      typeof store.attempt === "number" ? `${String(store.contextId)}#${store.attempt}` : undefined;
    return run.call(officialStep, attempt, () => run.call(this, store, callback, ...args));
  } as typeof run;
}

function uninstallRunPatches(): void {
  Object.assign(console, original.console);
  process.stdout.write = original.stdoutWrite;
  process.stderr.write = original.stderrWrite;
  AsyncLocalStorage.prototype.run = original.asyncLocalStorageRun;
}

function installSources(): void {
  original.Date.now = now;
  globalThis.Date = PatchedDate;
  Math.random = random;
  const webCrypto = globalThis.crypto;
  webCrypto.randomUUID = () => stepUuid(() => original.webRandomUUID.call(webCrypto));
  const getRandomValues = original.getRandomValues as (array: ArrayBufferView) => ArrayBufferView;
  webCrypto.getRandomValues = ((array: ArrayBufferView) => {
    const attempt = stepAttempt();
    const values = storage.getStore()?.stepValues;
    if (attempt === undefined || values === undefined)
      return getRandomValues.call(webCrypto, array);
    const bytes = () => new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
    const fresh = () => {
      getRandomValues.call(webCrypto, array);
      return Array.from(bytes());
    };
    const recorded = values.take(attempt, "bytes", fresh);
    if (recorded.length === array.byteLength) bytes().set(recorded);
    else getRandomValues.call(webCrypto, array);
    return array;
  }) as typeof webCrypto.getRandomValues;
  nodeCrypto.randomUUID = (options) => stepUuid(() => original.nodeRandomUUID(options));
  // `import { randomUUID } from "node:crypto"` reads the module's exports through this.
  syncBuiltinESMExports();
}

function uninstallSources(): void {
  original.Date.now = original.now;
  globalThis.Date = original.Date;
  Math.random = original.random;
  // The originals live on the prototype; own properties shadowed them.
  const webCrypto = globalThis.crypto as Partial<typeof globalThis.crypto>;
  delete webCrypto.randomUUID;
  delete webCrypto.getRandomValues;
  nodeCrypto.randomUUID = original.nodeRandomUUID;
  syncBuiltinESMExports();
}

/**
 * Patches the console, watches for the official SDK and points Lambda clients at the trap
 * (`lambda-trap.ts`) while at least one run is active, and,
 * with `sources`, the clock and
 * randomness (`Date.now`, `new Date()`, `Math.random`, `crypto.randomUUID`,
 * `crypto.getRandomValues`) that replay checks perturb and record.
 */
export async function withPatchedGlobals<T>(
  fn: () => Promise<T>,
  options: { sources?: boolean } = {},
): Promise<T> {
  const sources = options.sources === true;
  if (counts.runs++ === 0) {
    installRunPatches();
    armed = lambdaTrap.arm();
  }
  if (sources && counts.sources++ === 0) installSources();
  try {
    await armed;
    return await fn();
  } finally {
    if (sources && --counts.sources === 0) uninstallSources();
    if (--counts.runs === 0) {
      uninstallRunPatches();
      lambdaTrap.disarm();
    }
  }
}

export function runInInvocation<T>(scope: InvocationScope, fn: () => T): T {
  return storage.run(scope, fn);
}

/** How a handler's call ended when it did end: it returned or threw, or the invocation crashed. */
export type InvocationSettled =
  | { kind: "returned"; output: unknown }
  | { kind: "threw"; error: unknown }
  | { kind: "crashed"; reason: string };

/** How a handler's call ended, or that it hung. */
export type HandlerSettled = InvocationSettled | { kind: "hung" };

/** The error object the service is told of for a thrown value. */
export function errorObjectOf(error: unknown): ErrorObject {
  if (error instanceof Error) return { ErrorType: error.name, ErrorMessage: error.message };
  return { ErrorType: "Error", ErrorMessage: String(error) };
}

/** What the service is told of an invocation that ended: a crash is Lambda's runtime exit. */
export function invocationOutcomeOf(settled: InvocationSettled): InvocationOutcome {
  if (settled.kind === "returned") return { kind: "returned", output: settled.output };
  return {
    kind: "threw",
    error:
      settled.kind === "crashed"
        ? { ErrorType: "Runtime.ExitError", ErrorMessage: `Runtime exited: ${settled.reason}` }
        : errorObjectOf(settled.error),
  };
}

/**
 * Calls the handler inside `scope` and waits for whichever comes first: it settles, `crash`
 * resolves (the invocation died), or `limitMs` of real time passes (never, when undefined). The
 * timer is node:timers' own, which fake timers in a test leave alone, since a hang is real.
 */
export async function settleHandler(
  scope: InvocationScope,
  call: () => unknown,
  crash: Promise<string>,
  limitMs: number | undefined,
): Promise<HandlerSettled> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hung = new Promise<{ kind: "hung" }>((resolve) => {
    if (limitMs !== undefined) timer = setTimeout(() => resolve({ kind: "hung" }), limitMs);
  });
  try {
    return await runInInvocation(scope, () =>
      Promise.race([
        Promise.resolve()
          .then(call)
          .then(
            (output) => ({ kind: "returned" as const, output }),
            (error: unknown) => ({ kind: "threw" as const, error }),
          ),
        crash.then((reason) => ({ kind: "crashed" as const, reason })),
        hung,
      ]),
    );
  } finally {
    clearTimeout(timer);
  }
}

export function currentInvocation(): InvocationScope | undefined {
  return storage.getStore();
}

function toLogRecord(level: string, args: unknown[]): Record<string, unknown> {
  if (args.length === 1 && typeof args[0] === "string") {
    try {
      const parsed: unknown = JSON.parse(args[0]);
      if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) {
        return parsed as Record<string, unknown>;
      }
    } catch {
      // not a JSON line: kept as plain text below
    }
  }
  return {
    level: level.toUpperCase(),
    message: args.map((arg) => (typeof arg === "string" ? arg : JSON.stringify(arg))).join(" "),
  };
}
