import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What user code is running inside: a step body (or another operation's function that must not
 * start durable operations), or the body of a context.
 */
export type Scope =
  | { kind: "step"; what: string }
  | { kind: "context"; context: { readonly contextId: string } };

const storage = new AsyncLocalStorage<Scope>();

/** Runs a step body; `what` names the step in misuse errors. */
export function runInStep<T>(what: string, fn: () => T): T {
  return storage.run({ kind: "step", what }, fn);
}

/** Runs the body of a context: the handler, a child context's function, a batch unit. */
export function runInContext<T>(context: { readonly contextId: string }, fn: () => T): T {
  return storage.run({ kind: "context", context }, fn);
}

export function currentScope(): Scope | undefined {
  return storage.getStore();
}

/**
 * Test harnesses perturb `Date.now` and `Math.random` outside steps during replay checks; they
 * need to know whether code runs inside a step body, where such values are allowed. The probe is
 * published under a registry symbol so no package has to import another for it.
 */
const PROBES = Symbol.for("durable-examples.step-scope-probes");
const registry = globalThis as { [PROBES]?: Set<() => boolean> };
registry[PROBES] ??= new Set();
registry[PROBES].add(() => storage.getStore()?.kind === "step");
