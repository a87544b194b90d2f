import type { ErrorObject, Operation } from "@aws-sdk/client-lambda";
import type { DurableExecutionClient } from "./client.js";
import type { DurableContext } from "./durable-context.js";

/** The event Lambda passes to a durable function (protocol.md §1). */
export interface DurableInvocationInput {
  DurableExecutionArn: string;
  CheckpointToken: string;
  InitialExecutionState: { Operations: Operation[]; NextMarker?: string };
  UpdatedOperationIds?: string[];
  /** Set by test harnesses to serve the calls in process (protocol.md §9). */
  durableExecutionClient?: DurableExecutionClient;
}

/** What a durable function returns to Lambda. */
export type DurableInvocationOutput =
  | { Status: "SUCCEEDED"; Result?: string }
  | { Status: "FAILED"; Error: ErrorObject }
  | { Status: "PENDING" };

/** The parts of Lambda's context object the runtime reads. */
export interface LambdaContext {
  awsRequestId?: string;
  getRemainingTimeInMillis?: () => number;
}

/** The user's handler: gets the execution's input and a `DurableContext`. */
export type DurableHandler<Input = unknown, Output = unknown> = (
  event: Input,
  context: DurableContext,
) => Promise<Output>;

/** Options of `withDurableExecution`. */
export interface DurableExecutionConfig {
  /** Serves checkpoint calls instead of `LambdaClient`. An event's injected client wins. */
  durableExecutionClient?: DurableExecutionClient;
}
