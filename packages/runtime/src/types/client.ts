import type {
  CheckpointDurableExecutionRequest,
  CheckpointDurableExecutionResponse,
  GetDurableExecutionStateRequest,
  GetDurableExecutionStateResponse,
} from "@aws-sdk/client-lambda";

/**
 * The two service calls a durable function makes, in `@aws-sdk/client-lambda` shapes. The default
 * is backed by `LambdaClient`; a test harness injects its own through the invocation event
 * (`event.durableExecutionClient`, protocol.md §9) or `withDurableExecution`'s config.
 */
export interface DurableExecutionClient {
  checkpoint(
    request: CheckpointDurableExecutionRequest,
  ): Promise<CheckpointDurableExecutionResponse>;
  getExecutionState(
    request: GetDurableExecutionStateRequest,
  ): Promise<GetDurableExecutionStateResponse>;
}
