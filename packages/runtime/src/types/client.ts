import type { DurableLogger } from "./logger.js";
import type {
  CheckpointDurableExecutionRequest,
  CheckpointDurableExecutionResponse,
  GetDurableExecutionStateRequest,
  GetDurableExecutionStateResponse,
} from "./wire.js";

/**
 * The two service calls a durable function makes. The default is backed by `LambdaClient`; a
 * test harness injects its own through the invocation event (`event.durableExecutionClient`,
 * protocol.md §9) or `withDurableExecution`'s config. A client may throw a
 * `DurableExecutionClientError` to choose what its failure takes down. The `logger` argument is
 * the official SDK's; this runtime passes none.
 */
export interface DurableExecutionClient {
  checkpoint(
    request: CheckpointDurableExecutionRequest,
    logger?: DurableLogger,
  ): Promise<CheckpointDurableExecutionResponse>;
  getExecutionState(
    request: GetDurableExecutionStateRequest,
    logger?: DurableLogger,
  ): Promise<GetDurableExecutionStateResponse>;
}
