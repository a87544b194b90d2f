/** Base of the harness's own errors: a run that cannot go on, or a check that failed. */
export class HarnessError extends Error {
  override readonly name: string = "HarnessError";
}

/** Throws unless each of `keys` in `options` is absent or a positive number; `caller` names the API. */
export function requirePositiveOptions<T extends object>(
  caller: string,
  options: T,
  keys: readonly (keyof T & string)[],
): void {
  for (const key of keys) {
    const value = options[key];
    if (value !== undefined && !(typeof value === "number" && value > 0)) {
      throw new HarnessError(`${caller}: ${key} must be a positive number, got ${String(value)}.`);
    }
  }
}

/** The execution waits on something nothing will ever deliver. */
export class ExecutionStuckError extends HarnessError {
  override readonly name = "ExecutionStuckError";
}

/** An invocation did not settle within the run's real-time limit: something in it never settles. */
export class InvocationTimeoutError extends HarnessError {
  override readonly name = "InvocationTimeoutError";
}

/** The handler called the Lambda API itself, where the harness serves every call it should make. */
export class LambdaCallError extends HarnessError {
  override readonly name = "LambdaCallError";
}

/** The execution was invoked more times than the run allows. */
export class TooManyInvocationsError extends HarnessError {
  override readonly name = "TooManyInvocationsError";
}

/** A replay check found a crash point after which the execution did not end the same way. */
export class ReplayCheckError extends HarnessError {
  override readonly name = "ReplayCheckError";
  constructor(
    message: string,
    readonly divergences: string[],
  ) {
    super(message);
  }
}

/** Recorded executions would not replay on the code as it is now. */
export class HistoryReplayError extends HarnessError {
  override readonly name = "HistoryReplayError";
  constructor(
    message: string,
    readonly failures: string[],
  ) {
    super(message);
  }
}
