import type { Serdes } from "./serdes.js";

/** Options of `context.invoke`. */
export interface InvokeConfig<I, O> {
  /** Serializes the input sent to the function (JSON by default). */
  payloadSerdes?: Serdes<I>;
  /** Reads the function's result (JSON by default). */
  resultSerdes?: Serdes<O>;
  /** The tenant the invoked function runs for, on tenant-isolated functions. */
  tenantId?: string;
}
