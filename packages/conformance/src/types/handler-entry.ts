import type { withDurableExecution } from "@durable-examples/runtime";

/** The Lambda handler `withDurableExecution` returns; its event is the durable invocation. */
export type DurableLambdaHandler = ReturnType<typeof withDurableExecution>;

/** The handler written for one requirement. */
export interface HandlerEntry {
  readonly handler: DurableLambdaHandler;
  /** Where the handler departs from the requirement's prose, and why. */
  readonly notes?: string;
}
