export type { CallbackAnswer, Duration } from "./callbacks.js";
export { simulateCrash } from "./crash.js";
export {
  ExecutionStuckError,
  HarnessError,
  HistoryReplayError,
  InvocationTimeoutError,
  LambdaCallError,
  ReplayCheckError,
  TooManyInvocationsError,
} from "./errors.js";
export type { CheckpointFault, CheckpointFaultKind, CrashPoint } from "./faults.js";
export { CHECKPOINT_FAULT_KINDS } from "./faults.js";
export type { DurableHistory, Recordings } from "./history/history-file.js";
export {
  HISTORY_FORMAT,
  historyJson,
  loadHistory,
  readHistory,
  recordHistories,
} from "./history/history-file.js";
export type { Divergence, ReplayHistoryOptions, ReplayVerdict } from "./history/replay-history.js";
export { expectReplays, replayHistory, resumeHistory } from "./history/replay-history.js";
export type { LocalFunction, LocalLambdaOptions } from "./local-lambda/local-lambda.js";
export { LocalLambda, localLambda } from "./local-lambda/local-lambda.js";
export type { ReplayCheckOptions, ReplayReport } from "./replay-check.js";
export { checkReplay, compareRuns } from "./replay-check.js";
export type { CallbackHandle, DurableExecutionHandle } from "./run-durable.js";
export { runDurable, startDurable } from "./run-durable.js";
export type { DurableRuntimeName } from "./runtimes.js";
export { formatSeconds, renderTimeline } from "./timeline.js";
export type { TimelineHtmlOptions } from "./timeline-html.js";
export { renderTimelineHtml, writeTimelineHtml } from "./timeline-html.js";
export type {
  DurableRun,
  ExecutionStatus,
  FunctionRegistration,
  InvocationRecord,
  LambdaHandler,
  RunOptions,
} from "./types.js";
