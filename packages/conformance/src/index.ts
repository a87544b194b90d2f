export { ConformanceError, RequirementFileError, RequirementsDirectoryError } from "./errors.js";
export type { Binding, Bindings } from "./match.js";
export {
  matchHistory,
  matchLogs,
  matchRequirement,
  matchResult,
  matchStatus,
  matchValue,
} from "./match.js";
export type { Summary } from "./report.js";
export { exitCode, formatReport, summarize } from "./report.js";
export type {
  InvalidRequirement,
  LoadedRequirements,
  LoadOptions,
  RequirementSource,
} from "./requirements.js";
export { compareIds, loadRequirements, parseRequirement } from "./requirements.js";
export type { ExecutionRecord } from "./types/execution-record.js";
export type { DurableLambdaHandler, HandlerEntry } from "./types/handler-entry.js";
export type { OutcomeStatus, RequirementOutcome } from "./types/outcome.js";
export type {
  CallbackAction,
  DefaultRetryParameters,
  ExecutionStatus,
  ExpectedEvent,
  ExpectedLog,
  ExpectedResult,
  Requirement,
} from "./types/requirement.js";
export type { StringGenerator } from "./variables.js";
export { randomAlphanumeric } from "./variables.js";
