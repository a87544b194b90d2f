import type { ErrorObject, Operation } from "@aws-sdk/client-lambda";
import { copyData } from "../copy.js";
import { InvalidParameterValueError, ResourceNotFoundError, ServiceError } from "../errors.js";
import { describeValue, errorObjectProblem } from "../fields.js";
import type { FunctionRegistry, RegisteredFunction } from "../functions.js";
import { chainedExecutionName, FUNCTION_VERSION, type IdSource } from "../ids.js";
import { type ChainedInvokeOutcome, completeChainedInvoke } from "../operations/chained-invoke.js";
import type { InvokeTargetStart } from "../operations/operation-type.js";
import type {
  ChainedInvokeTarget,
  FunctionInvocation,
  FunctionInvocationOutcome,
} from "../types.js";
import type { Execution, InvokedBy } from "./execution.js";
import type { ExecutionStore } from "./execution-store.js";

/** Starts a durable execution for a chained invoke (the service's own start, idempotent by name). */
export type StartChildExecution = (
  fn: RegisteredFunction,
  input: string | undefined,
  executionName: string,
  invokedBy: InvokedBy,
  now: Date,
  version: string | undefined,
) => Execution;

/**
 * The targets of CHAINED_INVOKE operations (protocol.md §3): durable child executions, and calls
 * of plain functions that the driver runs and reports back.
 *
 * Invariants: `calls` holds each plain function invocation from its START until the driver ends
 * it (or, if it has not begun, until its operation is cancelled), in the order they were made;
 * `inFlight` marks the ones the driver has begun.
 *
 * Decisions where protocol.md is silent:
 * - A caller that ends (succeeds, fails, times out or is stopped) leaves its targets running: a
 *   durable child runs to its own end and a plain call still reaches the driver, as Lambda cannot
 *   take back an invoke it has made; their outcomes are then discarded.
 * - A cancelled CHAINED_INVOKE stops its durable child (STOPPED, ErrorType
 *   "ChainedInvokeCancelled") and withdraws a plain call the driver has not begun.
 */
export class ChainedInvokes {
  private readonly calls = new Map<string, { call: FunctionInvocation; inFlight: boolean }>();

  constructor(
    private readonly functions: FunctionRegistry,
    private readonly executions: ExecutionStore,
    private readonly startChild: StartChildExecution,
    private readonly ids: IdSource,
    private readonly resolveVersion?: (target: ChainedInvokeTarget) => string,
  ) {}

  /** Starts the target of a CHAINED_INVOKE START, or says why the operation fails at once. */
  start(
    caller: Execution,
    invoke: Operation,
    target: string,
    payload: string | undefined,
    now: Date,
  ): InvokeTargetStart {
    const resolved = this.functions.resolveInvokeTarget(target);
    if (resolved === undefined) {
      return {
        failed: {
          ErrorType: "ResourceNotFoundException",
          ErrorMessage: `Function not found: ${target}. Register it with registerFunction before invoking it.`,
        },
      };
    }
    const problem = jsonProblem(payload);
    if (problem !== undefined) {
      // Lambda's Invoke answers a payload that is not JSON with InvalidRequestContentException.
      return {
        failed: {
          ErrorType: "InvalidRequestContentException",
          ErrorMessage: `Could not parse the chained invoke's payload into JSON: ${problem}.`,
        },
      };
    }
    const { fn, qualifier } = resolved;
    let version: string | undefined;
    try {
      version = this.resolveVersion?.({
        functionName: fn.name,
        ...(qualifier === undefined ? {} : { qualifier }),
        durable: fn.durable,
      });
    } catch (error) {
      return failedBy(error);
    }
    const executedVersion = version === undefined ? {} : { executedVersion: version };
    const operationId = invoke.Id!;
    if (fn.durable) {
      try {
        const name = chainedExecutionName(caller.arn, operationId);
        const child = this.startChild(
          fn,
          payload,
          name,
          { executionArn: caller.arn, operationId },
          now,
          // The service numbers published versions; `$LATEST` is an unversioned execution.
          version === FUNCTION_VERSION ? undefined : version,
        );
        return {
          started: {
            functionName: fn.name,
            ...executedVersion,
            childExecutionArn: child.arn,
          },
        };
      } catch (error) {
        return failedBy(error);
      }
    }
    const invocationId = this.ids.functionCallId(caller.arn, operationId);
    this.calls.set(invocationId, {
      call: {
        invocationId,
        functionName: fn.name,
        ...(version === undefined ? {} : { version }),
        payload,
        executionArn: caller.arn,
        operationId,
      },
      inFlight: false,
    });
    return {
      started: {
        functionName: fn.name,
        ...executedVersion,
        invocationId,
      },
    };
  }

  /** Withdraws the target of a cancelled CHAINED_INVOKE (see the class's decisions). */
  cancel(caller: Execution, operationId: string, now: Date): void {
    const target = caller.invokes.get(operationId);
    if (
      target?.invocationId !== undefined &&
      this.calls.get(target.invocationId)?.inFlight === false
    ) {
      this.calls.delete(target.invocationId);
    }
    if (target?.childExecutionArn !== undefined) {
      const child = this.executions.find(target.childExecutionArn, now);
      if (child?.status === "RUNNING") {
        child.end("STOPPED", now, {
          error: {
            ErrorType: "ChainedInvokeCancelled",
            ErrorMessage: `Stopped because operation ${operationId} of durable execution ${caller.arn}, which invoked it, was cancelled.`,
          },
        });
      }
    }
  }

  /** A durable child ended: its caller's CHAINED_INVOKE ends the same way. */
  childEnded(child: Execution, now: Date): void {
    const link = child.invokedBy;
    if (link === undefined) return;
    const caller = this.executions.find(link.executionArn, now);
    const invoke = caller?.operation(link.operationId);
    if (caller?.status !== "RUNNING" || invoke?.Status !== "STARTED") return;
    completeChainedInvoke(caller, invoke, childOutcome(child), now);
  }

  /** The plain function calls of `source`, begun or not, for a fork of the service. */
  copyCallsFrom(source: ChainedInvokes): void {
    for (const [id, entry] of source.calls) {
      this.calls.set(id, { call: { ...entry.call }, inFlight: entry.inFlight });
    }
  }

  /** The plain function calls not yet ended, as text that is equal for equal calls. */
  digest(): string {
    return JSON.stringify([...this.calls.values()]);
  }

  /** Every plain function call not yet ended, oldest first, for a snapshot. */
  snapshot(): { call: FunctionInvocation; inFlight: boolean }[] {
    return [...this.calls.values()].map((entry) => ({
      call: { ...entry.call },
      inFlight: entry.inFlight,
    }));
  }

  /**
   * Takes back the calls of a snapshot. One the driver had begun is pending again: whoever ran it
   * is gone, so it runs once more (Lambda's invokes are at-least-once too).
   */
  restore(entries: { call: FunctionInvocation }[]): void {
    for (const { call } of entries) {
      this.calls.set(call.invocationId, { call: { ...call }, inFlight: false });
    }
  }

  /** Plain function calls the driver has not begun, oldest first. */
  pending(): FunctionInvocation[] {
    return [...this.calls.values()]
      .filter((entry) => !entry.inFlight)
      .map((entry) => ({ ...entry.call }));
  }

  /**
   * Marks a call as begun by the driver.
   *
   * @throws ResourceNotFoundError for an unknown (or finished, or withdrawn) invocation.
   * @throws InvalidParameterValueError if it has already begun.
   */
  begin(invocationId: string): void {
    const entry = this.entry(invocationId);
    if (entry.inFlight) {
      throw new InvalidParameterValueError(
        `Cannot begin function invocation ${invocationId}: it is already in flight. End it with endFunctionInvocation.`,
      );
    }
    entry.inFlight = true;
  }

  /**
   * Ends a call the driver began, and ends its CHAINED_INVOKE with the outcome: returned →
   * SUCCEEDED with `Result`, threw → FAILED with `Error`. If the operation is no longer STARTED
   * (cancelled) or its caller has ended, the outcome is discarded, as Lambda discards the result
   * of an invoke nobody awaits.
   *
   * @throws ResourceNotFoundError for an unknown invocation.
   * @throws InvalidParameterValueError if it has not begun or the outcome is malformed.
   */
  end(invocationId: string, outcome: FunctionInvocationOutcome, now: Date): void {
    const entry = this.entry(invocationId);
    if (!entry.inFlight) {
      throw new InvalidParameterValueError(
        `Cannot end function invocation ${invocationId}: it has not begun. Call beginFunctionInvocation first.`,
      );
    }
    const result = checkedOutcome(outcome);
    this.calls.delete(invocationId);
    const { executionArn, operationId } = entry.call;
    const caller = this.executions.find(executionArn, now);
    const invoke = caller?.operation(operationId);
    if (caller?.status !== "RUNNING" || invoke?.Status !== "STARTED") return;
    completeChainedInvoke(caller, invoke, result, now);
  }

  private entry(invocationId: unknown): { call: FunctionInvocation; inFlight: boolean } {
    const entry = typeof invocationId === "string" ? this.calls.get(invocationId) : undefined;
    if (entry === undefined) {
      throw new ResourceNotFoundError(
        `Function invocation not found: ${describeValue(invocationId)}. Use an invocationId from pendingFunctionInvocations(); an invocation is gone once ended or withdrawn.`,
      );
    }
    return entry;
  }
}

/** The CHAINED_INVOKE outcome of a durable child that ended. */
function childOutcome(child: Execution): ChainedInvokeOutcome {
  switch (child.status) {
    case "SUCCEEDED":
      return { status: "SUCCEEDED", result: child.result };
    case "FAILED":
      return {
        status: "FAILED",
        error: child.error ?? {
          ErrorType: "Execution.Failed",
          ErrorMessage: `The invoked durable execution ${child.arn} failed without an error.`,
        },
      };
    case "TIMED_OUT":
      return { status: "TIMED_OUT", error: child.error ?? { ErrorType: "Execution.Timeout" } };
    default:
      // Decision: StopDurableExecution's error is optional; the event needs one (protocol.md §8).
      return {
        status: "STOPPED",
        error: child.error ?? {
          ErrorType: "Execution.Stopped",
          ErrorMessage: `The invoked durable execution ${child.arn} was stopped.`,
        },
      };
  }
}

/** The outcome as a CHAINED_INVOKE completion, or an error naming what is malformed. */
function checkedOutcome(outcome: FunctionInvocationOutcome): ChainedInvokeOutcome {
  const kind = (outcome as { kind?: unknown } | undefined)?.kind;
  if (kind === "returned") {
    const result = (outcome as { result?: unknown }).result;
    if (result !== undefined && typeof result !== "string") {
      throw new InvalidParameterValueError(
        `A returned outcome's result must be JSON text (a string) or undefined, got ${describeValue(result)}.`,
      );
    }
    return { status: "SUCCEEDED", result };
  }
  if (kind === "threw") {
    const error = (outcome as { error?: unknown }).error;
    const problem = errorObjectProblem(error);
    if (problem !== undefined) {
      throw new InvalidParameterValueError(`A threw outcome's error ${problem}.`);
    }
    return { status: "FAILED", error: copyData(error as ErrorObject) };
  }
  throw new InvalidParameterValueError(
    `outcome.kind must be "returned" or "threw", got ${describeValue(kind)}.`,
  );
}

/** Why `payload` is not JSON text, or undefined when it is (or is absent). */
function jsonProblem(payload: string | undefined): string | undefined {
  if (payload === undefined) return undefined;
  try {
    JSON.parse(payload);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** The failed start a service error makes; any other error is a bug and is thrown on. */
function failedBy(error: unknown): InvokeTargetStart {
  if (!(error instanceof ServiceError)) throw error;
  return { failed: { ErrorType: error.name, ErrorMessage: error.message } };
}
