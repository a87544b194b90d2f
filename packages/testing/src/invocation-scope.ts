import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What the harness knows about the invocation running now. Console calls, `Date.now`,
 * `Math.random` and `simulateCrash` find it through async context, so runs in parallel never mix.
 */
export interface InvocationScope {
  logs: Record<string, unknown>[];
  /** Replace `Date.now` and `Math.random` outside step bodies (replay checks). */
  perturb: boolean;
  crash(reason: string): void;
}

const storage = new AsyncLocalStorage<InvocationScope>();
const original = {
  log: console.log,
  info: console.info,
  warn: console.warn,
  error: console.error,
  debug: console.debug,
  now: Date.now,
  random: Math.random,
};
let activeRuns = 0;

const PROBES = Symbol.for("durable-examples.step-scope-probes");
function insideStep(): boolean {
  const probes = (globalThis as { [PROBES]?: Set<() => boolean> })[PROBES];
  if (probes === undefined) return false;
  for (const probe of probes) if (probe()) return true;
  return false;
}

/** A year and a bit: a branch on the clock outside a step cannot come out the same. */
const CLOCK_SHIFT_MS = 400 * 86_400_000 + 12_345;

function install(): void {
  for (const level of ["log", "info", "warn", "error", "debug"] as const) {
    console[level] = (...args: unknown[]) => {
      const scope = storage.getStore();
      if (scope === undefined) return original[level].apply(console, args);
      scope.logs.push(toLogRecord(level, args));
    };
  }
  Date.now = () => {
    const now = original.now.call(Date);
    return storage.getStore()?.perturb && !insideStep() ? now + CLOCK_SHIFT_MS : now;
  };
  Math.random = () => {
    const value = original.random.call(Math);
    return storage.getStore()?.perturb && !insideStep() ? (value + 0.5) % 1 : value;
  };
}

function uninstall(): void {
  Object.assign(console, {
    log: original.log,
    info: original.info,
    warn: original.warn,
    error: original.error,
    debug: original.debug,
  });
  Date.now = original.now;
  Math.random = original.random;
}

/** Patches the globals while at least one run is active. */
export async function withPatchedGlobals<T>(fn: () => Promise<T>): Promise<T> {
  if (activeRuns++ === 0) install();
  try {
    return await fn();
  } finally {
    if (--activeRuns === 0) uninstall();
  }
}

export function runInInvocation<T>(scope: InvocationScope, fn: () => T): T {
  return storage.run(scope, fn);
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
