import type { DurableExecutionService } from "../service.js";
import type {
  FunctionInvocation,
  FunctionInvocationOutcome,
  InvocationOutcome,
  InvocationRequest,
} from "../types.js";

/** Runs one invocation of a durable execution with the event the service built for it. */
export type RunInvocation = (request: InvocationRequest) => Promise<InvocationOutcome>;

/** Runs a plain (not durable) function that an execution called with `context.invoke`. */
export type RunFunctionCall = (call: FunctionInvocation) => Promise<FunctionInvocationOutcome>;

/** What can start now: executions to invoke and plain function calls to make. */
export interface DueWork {
  /** Executions that need an invocation and have none in flight, longest waiting first. */
  executions: string[];
  /** Plain function calls made by `context.invoke` that have not begun. */
  functionCalls: FunctionInvocation[];
}

/**
 * The one loop that keeps executions moving, shared by the test harness and the local server.
 * The service decides when an execution needs invoking again (a checkpoint asked for it, a wait
 * or retry delay ended, a callback or chained invoke completed, an invocation failed and is
 * retried); the driver finds that work, runs it with the function its host gives (the harness
 * calls handlers in process, the local server runs deployed packages), and reports each outcome
 * back, so both hosts begin and end invocations the same way. A run function should not throw:
 * a failure is an outcome, and a throw is reported to the service as `threw`. The harness runs the
 * work one item after another and moves virtual time when nothing is due; the local server starts
 * everything due at once and waits for its real (or faster) clock.
 *
 * @example
 * const driver = new ExecutionDriver(service);
 * for (;;) {
 *   const { executions, functionCalls } = driver.dueWork();
 *   if (executions.length === 0 && functionCalls.length === 0) break;
 *   for (const arn of executions) await driver.runInvocation(arn, invokeHandler);
 *   for (const call of functionCalls) await driver.runFunctionCall(call, callHandler);
 * }
 */
export class ExecutionDriver {
  constructor(private readonly service: DurableExecutionService) {}

  /** Lists what can start now, without moving time. */
  dueWork(): DueWork {
    return {
      executions: this.service.runnableExecutions(),
      functionCalls: this.service.pendingFunctionInvocations(),
    };
  }

  /**
   * Fires the timers due at the service's clock, then lists what can start now.
   *
   * @returns the work due, and when the next timer falls (undefined when none is pending).
   */
  advance(): DueWork & { nextTimerAt: Date | undefined } {
    this.service.fireDueTimers();
    return { ...this.dueWork(), nextTimerAt: this.service.nextTimerAt() };
  }

  /** Begins an invocation of the execution, runs it with `run`, and ends it with its outcome. */
  async runInvocation(executionArn: string, run: RunInvocation): Promise<InvocationOutcome> {
    const request = this.service.beginInvocation(executionArn);
    let outcome: InvocationOutcome;
    try {
      outcome = await run(request);
    } catch (error) {
      outcome = { kind: "threw", error: errorObjectOf(error) };
    }
    this.service.endInvocation(executionArn, request.requestId, outcome);
    return outcome;
  }

  /** Begins a plain function call, makes it with `run`, and ends it with its outcome. */
  async runFunctionCall(
    call: FunctionInvocation,
    run: RunFunctionCall,
  ): Promise<FunctionInvocationOutcome> {
    this.service.beginFunctionInvocation(call.invocationId);
    let outcome: FunctionInvocationOutcome;
    try {
      outcome = await run(call);
    } catch (error) {
      outcome = { kind: "threw", error: errorObjectOf(error) };
    }
    this.service.endFunctionInvocation(call.invocationId, outcome);
    return outcome;
  }
}

function errorObjectOf(error: unknown) {
  return error instanceof Error
    ? { ErrorType: error.name, ErrorMessage: error.message }
    : { ErrorType: "Error", ErrorMessage: String(error) };
}
