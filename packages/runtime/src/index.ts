export {
  DurableExecutionApiClient,
  lambdaDurableExecutionClient,
} from "./checkpoint/lambda-client.js";
export { configureLogger, configureSerdes } from "./configure.js";
export { DurablePromise } from "./durable-promise.js";
export type { DurableExecutionClientErrorOptions, OperationSignature } from "./errors.js";
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
  DurableExecutionClientErrorScope,
  DurableOperationError,
  InvalidInvocationEventError,
  InvokeError,
  isDurableExecutionClientError,
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
  BatchItem,
  BatchResult,
  CompletionConfig,
  CompletionDecision,
  CompletionItemStatus,
  CompletionStatus,
  CustomCompletionConfig,
  MapConfig,
  MapFunc,
  NamedParallelBranch,
  ParallelBranch,
  ParallelConfig,
  ParallelFunc,
  ThresholdCompletionConfig,
} from "./types/batch.js";
export {
  BatchItemStatus,
  CompletionOutcome,
  CompletionReason,
  NestingType,
} from "./types/batch.js";
export type {
  CallbackSubmitter,
  CreateCallbackConfig,
  WaitForCallbackConfig,
  WaitForCallbackContext,
} from "./types/callback.js";
export type { ChildConfig, ChildFunc } from "./types/child-context.js";
export type { DurableExecutionClient } from "./types/client.js";
export type {
  DurableContext,
  ExecutionContext,
  PromiseCombinators,
} from "./types/durable-context.js";
export type { Duration } from "./types/duration.js";
export type {
  DurableExecutionConfig,
  DurableExecutionHandler,
  DurableExecutionInvocationInput,
  DurableExecutionInvocationOutput,
  DurableLambdaHandler,
  LambdaContext,
} from "./types/invocation.js";
export { InvocationStatus } from "./types/invocation.js";
export type { InvokeConfig } from "./types/invoke.js";
export type {
  DurableContextLogger,
  DurableLogData,
  DurableLogger,
  DurableLoggingContext,
  LoggerConfig,
  LogLevel,
} from "./types/logger.js";
export { OperationSubType } from "./types/operation-sub-type.js";
export type { RetryDecision, RetryStrategy } from "./types/retry.js";
export type {
  AnySerdes,
  AnySerdesDeserializer,
  Serdes,
  SerdesConfig,
  SerdesContext,
} from "./types/serdes.js";
export type { StepConfig, StepContext, StepFunc } from "./types/step.js";
export { StepSemantics } from "./types/step.js";
export type {
  WaitForConditionCheckFunc,
  WaitForConditionConfig,
  WaitForConditionContext,
  WaitForConditionDecision,
  WaitForConditionWaitStrategyFunc,
} from "./types/wait-for-condition.js";
export type {
  CallbackDetails,
  CallbackOptions,
  ChainedInvokeDetails,
  ChainedInvokeOptions,
  CheckpointDurableExecutionRequest,
  CheckpointDurableExecutionResponse,
  CheckpointUpdatedExecutionState,
  ContextDetails,
  ContextOptions,
  ErrorObject,
  ExecutionDetails,
  GetDurableExecutionStateRequest,
  GetDurableExecutionStateResponse,
  Operation,
  OperationUpdate,
  StepDetails,
  StepOptions,
  WaitDetails,
  WaitOptions,
  WireOperation,
  WireStepDetails,
  WireTimestamp,
  WireWaitDetails,
} from "./types/wire.js";
export { OperationAction, OperationStatus, OperationType } from "./types/wire.js";
export { withDurableExecution } from "./with-durable-execution.js";
export type { RetryableFunc, WithRetryConfig } from "./with-retry.js";
export { withRetry } from "./with-retry.js";
