export { simulateCrash } from "./crash.js";
export {
  ExecutionStuckError,
  HarnessError,
  ReplayCheckError,
  TooManyInvocationsError,
} from "./errors.js";
export type { CheckpointFault, CheckpointFaultKind, CrashPoint } from "./faults.js";
export { CHECKPOINT_FAULT_KINDS } from "./faults.js";
export type { ReplayReport } from "./replay-check.js";
export { checkReplay, compareRuns } from "./replay-check.js";
export { runDurable } from "./run-durable.js";
export { formatSeconds, renderTimeline } from "./timeline.js";
export type {
  DurableRun,
  ExecutionStatus,
  InvocationRecord,
  LambdaHandler,
  RunOptions,
} from "./types.js";
