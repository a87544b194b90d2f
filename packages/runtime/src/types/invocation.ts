import type { ErrorObject, LambdaClient } from "@aws-sdk/client-lambda";
import type { Context } from "aws-lambda";
import type { DurableExecutionClient } from "./client.js";
import type { DurableContext } from "./durable-context.js";
import type { DurableLogger } from "./logger.js";
import type { WireOperation } from "./wire.js";

/** The event Lambda passes to a durable function (protocol.md §1). */
export interface DurableExecutionInvocationInput {
  DurableExecutionArn: string;
  CheckpointToken: string;
  InitialExecutionState: { Operations: WireOperation[]; NextMarker?: string | undefined };
  UpdatedOperationIds?: string[];
  /** Set by test harnesses to serve the calls in process (protocol.md §9). */
  durableExecutionClient?: DurableExecutionClient;
}

/** How an invocation ended, as a durable function reports it to Lambda. */
export enum InvocationStatus {
  SUCCEEDED = "SUCCEEDED",
  FAILED = "FAILED",
  PENDING = "PENDING",
}

/** What a durable function returns to Lambda. */
export type DurableExecutionInvocationOutput =
  | { Status: InvocationStatus.SUCCEEDED; Result?: string }
  | { Status: InvocationStatus.FAILED; Error: ErrorObject }
  | { Status: InvocationStatus.PENDING };

/** The parts of Lambda's context object the runtime reads. */
export interface LambdaContext {
  awsRequestId?: string;
  getRemainingTimeInMillis?: () => number;
}

/** The user's handler: gets the execution's input and a `DurableContext`. */
export type DurableExecutionHandler<
  Input = unknown,
  Output = unknown,
  Logger extends DurableLogger = DurableLogger,
> = (event: Input, context: DurableContext<Logger>) => Promise<Output>;

/** The Lambda handler `withDurableExecution` returns, as Lambda calls it. */
export type DurableLambdaHandler = (
  event: DurableExecutionInvocationInput,
  context: Context,
) => Promise<DurableExecutionInvocationOutput>;

/** Options of `withDurableExecution`. */
export interface DurableExecutionConfig {
  /** The `LambdaClient` the default transport sends its two calls with (region, credentials). */
  client?: LambdaClient;
  /** Serves checkpoint calls instead of `LambdaClient`. An event's injected client wins. */
  durableExecutionClient?: DurableExecutionClient;
}
