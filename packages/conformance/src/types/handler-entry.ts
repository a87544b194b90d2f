import type { withDurableExecution } from "@durable-examples/runtime";
import type { FunctionRegistration, LambdaHandler } from "@durable-examples/testing";

/** The Lambda handler `withDurableExecution` returns; its event is the durable invocation. */
export type DurableLambdaHandler = ReturnType<typeof withDurableExecution>;

/** The handler written for one requirement. */
export interface HandlerEntry {
  readonly handler: DurableLambdaHandler;
  /**
   * The functions the handler's `context.invoke` calls, by function name: a durable handler, or
   * `{ handler, durable: false }` for a plain Lambda handler.
   */
  readonly functions?: Readonly<Record<string, LambdaHandler | FunctionRegistration>>;
  /** Where the handler departs from the requirement's prose, and why. */
  readonly notes?: string;
}
