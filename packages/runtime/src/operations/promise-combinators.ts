import type { ErrorObject } from "@aws-sdk/client-lambda";
import type { DurableContextImpl } from "../context/durable-context.js";
import {
  ensureError,
  operationErrorFromObject,
  PromiseCombinatorError,
  toErrorObject,
} from "../errors.js";
import type { PromiseCombinators } from "../types/durable-context.js";
import type { Serdes } from "../types/serdes.js";
import { runChildContext } from "./child-context.js";

type Settled<T> = PromiseSettledResult<T>;

/**
 * `context.promise.all / allSettled / any / race` (protocol.md §6): the combinator's outcome is
 * checkpointed as a CONTEXT, so a replay returns the same winner even if the operations behind
 * the promises finish in another order. The id is taken when the combinator is awaited, not when
 * it is called. Rejections are wrapped in `PromiseCombinatorError`.
 */
export function createPromiseCombinators(context: DurableContextImpl): PromiseCombinators {
  const combinator =
    <R>(combine: (promises: PromiseLike<unknown>[]) => Promise<R>, serdes?: Serdes<R>) =>
    (
      nameOrPromises: string | undefined | PromiseLike<unknown>[],
      maybePromises?: PromiseLike<unknown>[],
    ) => {
      const [name, promises] = Array.isArray(nameOrPromises)
        ? [undefined, nameOrPromises]
        : [nameOrPromises, maybePromises ?? []];
      return context.operation(() => {
        const operation = context.begin("CONTEXT", "RunInChildContext", name);
        return runChildContext(context, operation, () => combine(promises), {
          serdes,
          // As the official SDK: whatever the combinator rejected with, wrapped.
          errorMapper: (error) => new PromiseCombinatorError(error.message, error),
        });
      }, false);
    };

  return {
    all: combinator((promises) => Promise.all(promises)) as PromiseCombinators["all"],
    allSettled: combinator(
      (promises) => Promise.allSettled(promises),
      settledSerdes,
    ) as PromiseCombinators["allSettled"],
    any: combinator((promises) =>
      Promise.any(promises).catch((error: unknown) => {
        const errors =
          error instanceof AggregateError ? error.errors.map(ensureError) : [ensureError(error)];
        throw new PromiseCombinatorError(
          `All ${errors.length} promises rejected: ${errors.map((e) => e.message).join("; ")}`,
          ensureError(error),
        );
      }),
    ) as PromiseCombinators["any"],
    race: combinator((promises) => Promise.race(promises)) as PromiseCombinators["race"],
  };
}

/** `allSettled` outcomes hold errors, which JSON would flatten to `{}`: store them as ErrorObjects. */
const settledSerdes: Serdes<Settled<unknown>[]> = {
  serialize: async (value) =>
    value === undefined
      ? undefined
      : JSON.stringify(
          value.map((outcome) =>
            outcome.status === "fulfilled"
              ? outcome
              : { status: "rejected", reason: toErrorObject(outcome.reason) },
          ),
        ),
  deserialize: async (text) =>
    text === undefined
      ? undefined
      : (
          JSON.parse(text) as (
            | { status: "fulfilled"; value: unknown }
            | { status: "rejected"; reason: ErrorObject }
          )[]
        ).map((outcome) =>
          outcome.status === "fulfilled"
            ? outcome
            : {
                status: "rejected" as const,
                reason: operationErrorFromObject(outcome.reason, PromiseCombinatorError),
              },
        ),
};
