export { lambdaDurableExecutionClient } from "./checkpoint/lambda-client.js";
export { configureLogger, configureSerdes } from "./configure.js";
export { DurablePromise } from "./durable-promise.js";
export type { ClientErrorScope, OperationErrorOptions, OperationSignature } from "./errors.js";
export {
  BatchCompletionError,
  CallbackError,
  CallbackExternalError,
  CallbackSubmitterError,
  CallbackTimeoutError,
  ChildContextError,
  ContextUsageError,
  DurableConfigError,
  DurableExecutionClientError,
  DurableOperationError,
  InvalidInvocationEventError,
  InvokeError,
  NonDeterministicExecutionError,
  PayloadTooLargeError,
  PromiseCombinatorError,
  SerdesError,
  StepError,
  StepInterruptedError,
  WaitForConditionError,
} from "./errors.js";
export { completeBatch, continueBatch } from "./operations/batch.js";
export { JitterStrategy } from "./retry/jitter.js";
export type { LinearRetryStrategyConfig, RetryStrategyConfig } from "./retry/retry-strategy.js";
export {
  createLinearRetryStrategy,
  createRetryStrategy,
  retryPresets,
} from "./retry/retry-strategy.js";
export type { WaitStrategyConfig } from "./retry/wait-strategy.js";
export { createWaitStrategy } from "./retry/wait-strategy.js";
export { createClassSerdes, createClassSerdesWithDates, defaultSerdes } from "./serdes.js";
export type {
  BatchCompletionDecision,
  BatchCompletionStatus,
  BatchItem,
  BatchResult,
  CompletionConfig,
  MapConfig,
  MapFunction,
  ParallelBranch,
  ParallelConfig,
  ParallelFunction,
} from "./types/batch.js";
export { BatchItemStatus, CompletionReason, NestingType } from "./types/batch.js";
export type {
  CallbackSubmitter,
  CreateCallbackConfig,
  WaitForCallbackConfig,
  WaitForCallbackContext,
} from "./types/callback.js";
export type { ChildContextConfig, ChildContextFunction } from "./types/child-context.js";
export type { DurableExecutionClient } from "./types/client.js";
export type {
  DurableContext,
  ExecutionContext,
  PromiseCombinators,
} from "./types/durable-context.js";
export type { Duration } from "./types/duration.js";
export type {
  DurableExecutionConfig,
  DurableHandler,
  DurableInvocationInput,
  DurableInvocationOutput,
  LambdaContext,
} from "./types/invocation.js";
export type { InvokeConfig } from "./types/invoke.js";
export type {
  DurableLogData,
  DurableLoggingContext,
  Logger,
  LoggerConfig,
  LogLevel,
} from "./types/logger.js";
export type { RetryDecision, RetryStrategy } from "./types/retry.js";
export type { Serdes, SerdesConfig, SerdesContext } from "./types/serdes.js";
export type { StepConfig, StepContext, StepFunction } from "./types/step.js";
export { StepSemantics } from "./types/step.js";
export type {
  WaitForConditionCheck,
  WaitForConditionConfig,
  WaitForConditionContext,
  WaitForConditionDecision,
  WaitStrategy,
} from "./types/wait-for-condition.js";
export { withDurableExecution } from "./with-durable-execution.js";
export type { RetryableFunc, WithRetryConfig } from "./with-retry.js";
export { withRetry } from "./with-retry.js";
