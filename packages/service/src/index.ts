export type { Clock } from "./clock.js";
export { VirtualClock } from "./clock.js";
export type { ServiceErrorName } from "./errors.js";
export {
  CallbackTimeoutError,
  DurableExecutionAlreadyStartedError,
  InternalServiceError,
  InvalidParameterValueError,
  InvalidRequestContentError,
  RequestTooLargeError,
  ResourceConflictError,
  ResourceNotFoundError,
  ServiceError,
  TooManyRequestsError,
} from "./errors.js";
export type { RecordedExecution } from "./executions/adopt.js";
export type { CallbackSuccessRequest } from "./executions/callback-registry.js";
export type { DueWork, RunFunctionCall, RunInvocation } from "./executions/execution-driver.js";
export { ExecutionDriver } from "./executions/execution-driver.js";
export type { JournalEntry, ServiceState } from "./executions/snapshot.js";
export { foldJournal } from "./executions/snapshot.js";
// Field checks and names the local server shares with the core, so both word errors alike.
export { describeValue, isIntegerIn } from "./fields.js";
export { FUNCTION_NAME_PATTERN, FUNCTION_VERSION, functionArn } from "./ids.js";
export type { ServiceLimits } from "./limits.js";
export { DEFAULT_SERVICE_LIMITS } from "./limits.js";
export { DurableExecutionService } from "./service.js";
export type {
  CallbackRecord,
  ChainedInvokeTarget,
  DurableInvocationEvent,
  FunctionConfig,
  FunctionInvocation,
  FunctionInvocationOutcome,
  FunctionRegistration,
  InvocationOutcome,
  InvocationRequest,
  PendingWork,
  ServiceOptions,
} from "./types.js";
