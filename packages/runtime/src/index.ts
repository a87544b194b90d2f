export { lambdaDurableExecutionClient } from "./checkpoint/lambda-client.js";
export { configureLogger } from "./configure.js";
export { DurablePromise } from "./durable-promise.js";
export type { ClientErrorScope, OperationSignature } from "./errors.js";
export {
  DurableConfigError,
  DurableExecutionClientError,
  DurableOperationError,
  InvalidInvocationEventError,
  NonDeterministicExecutionError,
  PayloadTooLargeError,
  SerdesError,
  StepError,
  StepInterruptedError,
} from "./errors.js";
export { JitterStrategy } from "./retry/jitter.js";
export type { LinearRetryStrategyConfig, RetryStrategyConfig } from "./retry/retry-strategy.js";
export {
  createLinearRetryStrategy,
  createRetryStrategy,
  retryPresets,
} from "./retry/retry-strategy.js";
export { defaultSerdes } from "./serdes.js";
export type { DurableExecutionClient } from "./types/client.js";
export type { DurableContext, ExecutionContext } from "./types/durable-context.js";
export type { Duration } from "./types/duration.js";
export type {
  DurableExecutionConfig,
  DurableHandler,
  DurableInvocationInput,
  DurableInvocationOutput,
  LambdaContext,
} from "./types/invocation.js";
export type { Logger, LoggerConfig, LogLevel } from "./types/logger.js";
export type { RetryDecision, RetryStrategy } from "./types/retry.js";
export type { Serdes, SerdesContext } from "./types/serdes.js";
export type { StepConfig, StepContext, StepFunction } from "./types/step.js";
export { StepSemantics } from "./types/step.js";
export { withDurableExecution } from "./with-durable-execution.js";
