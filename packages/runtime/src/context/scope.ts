import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What user code is running inside: a step body (or another operation's function that must not
 * start durable operations), or the body of a context.
 */
export type Scope =
  | { kind: "step"; what: string; attempt: string }
  | { kind: "context"; context: { readonly contextId: string } };

const storage = new AsyncLocalStorage<Scope>();

/**
 * Runs code of one attempt of a step: its body, and the retry decision that ends it. `what` names
 * the step in misuse errors; `attempt` ("<wire id>#<attempt>") tells a test harness which attempt
 * it is.
 */
export function runInStep<T>(what: string, attempt: string, fn: () => T): T {
  return storage.run({ kind: "step", what, attempt }, fn);
}

/** Runs the body of a context: the handler, a child context's function, a batch unit. */
export function runInContext<T>(context: { readonly contextId: string }, fn: () => T): T {
  return storage.run({ kind: "context", context }, fn);
}

export function currentScope(): Scope | undefined {
  return storage.getStore();
}

/**
 * Test harnesses perturb the clock and randomness outside steps during replay checks, and give a
 * step attempt that runs again the values its first run read; they need to know which step
 * attempt code runs in, if any. The probe answers "<wire id>#<attempt>", or undefined outside a
 * step. It is published under a registry symbol so no package has to import another for it.
 */
const PROBES = Symbol.for("durable-examples.step-scope-probes");
const registry = globalThis as { [PROBES]?: Set<() => string | undefined> };
registry[PROBES] ??= new Set();
registry[PROBES].add(() => {
  const scope = storage.getStore();
  return scope?.kind === "step" ? scope.attempt : undefined;
});
