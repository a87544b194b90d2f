import type { ErrorObject } from "@aws-sdk/client-lambda";
import { DurableExecutionService, VirtualClock } from "@durable-examples/service";
import { ExecutionStuckError, HarnessError, TooManyInvocationsError } from "./errors.js";
import { type CheckpointFault, serviceLikeError } from "./faults.js";
import { type InvocationScope, runInInvocation, withPatchedGlobals } from "./invocation-scope.js";
import { renderTimeline } from "./timeline.js";
import type {
  DurableRun,
  ExecutionStatus,
  InvocationRecord,
  LambdaHandler,
  RunOptions,
} from "./types.js";

const DEFAULT_FUNCTION_NAME = "durable-function";
const ONE_YEAR_SECONDS = 366 * 86_400;
const DEFAULT_MAX_INVOCATIONS = 1_000;

/**
 * Runs a durable handler to the end on a fresh in-memory service with its own virtual clock.
 * Time moves only when nothing can run, straight to the next timer, so a seven-day wait takes no
 * time at all. The handler is called as Lambda calls it, with its checkpoint calls served in
 * process (protocol.md §9).
 *
 * @example
 * const run = await runDurable(handler, { input: { name: "World" } });
 * expect(run.status).toBe("SUCCEEDED");
 * console.log(run.timeline);
 */
export function runDurable(handler: LambdaHandler, options: RunOptions = {}): Promise<DurableRun> {
  return withPatchedGlobals(() => new HarnessRun(handler, options).run());
}

interface Crash {
  reason: string;
}

/**
 * One run. Invariants: at most one invocation is in flight; the clock moves only between
 * invocations; an invocation that crashed is never heard from again (its client answers nothing).
 */
class HarnessRun {
  private readonly clock = new VirtualClock();
  private readonly service: DurableExecutionService;
  private readonly functionName: string;
  private readonly invocations: InvocationRecord[] = [];
  private readonly logs: Record<string, unknown>[] = [];
  private readonly faults: CheckpointFault[];
  private checkpointCount = 0;

  constructor(
    private readonly handler: LambdaHandler,
    private readonly options: RunOptions,
  ) {
    this.functionName = options.functionName ?? DEFAULT_FUNCTION_NAME;
    this.faults = [...(options.faults ?? [])];
    this.service = new DurableExecutionService({
      clock: this.clock,
      limits:
        options.initialStatePageSize === undefined
          ? {}
          : { initialStatePageSize: options.initialStatePageSize },
    });
    this.service.registerFunction(this.functionName, {
      executionTimeoutSeconds: options.executionTimeoutSeconds ?? ONE_YEAR_SECONDS,
    });
  }

  async run(): Promise<DurableRun> {
    let input: string;
    try {
      input = JSON.stringify(this.options.input ?? null);
    } catch (error) {
      throw new HarnessError(`runDurable: input must be JSON-serializable: ${String(error)}`);
    }
    const started = this.clock.now();
    const { durableExecutionArn: arn } = this.service.startExecution({
      functionName: this.functionName,
      input,
    });
    const maxInvocations = this.options.maxInvocations ?? DEFAULT_MAX_INVOCATIONS;

    for (;;) {
      const runnable = this.service.runnableExecutions();
      if (runnable.length > 0) {
        for (const executionArn of runnable) {
          if (this.invocations.length >= maxInvocations) {
            throw new TooManyInvocationsError(
              `Gave up after ${maxInvocations} invocations: the execution is still running. ` +
                "Raise maxInvocations if that many are expected, or look at run.invocations for a loop.",
            );
          }
          await this.invoke(executionArn);
        }
        continue;
      }
      if (this.status(arn) !== "RUNNING") break;
      const waits = this.service.pendingWork(arn);
      const next = this.service.nextTimerAt();
      if (waits.length === 0 || next === undefined) {
        throw new ExecutionStuckError(
          `Execution can never finish: it is running, but nothing is scheduled to invoke it again${describeWork(waits)}.`,
        );
      }
      this.clock.advanceTo(next);
      this.service.fireDueTimers();
    }

    return this.result(arn, started);
  }

  private status(arn: string): ExecutionStatus {
    return this.service.getExecution({ DurableExecutionArn: arn }).Status as ExecutionStatus;
  }

  private async invoke(executionArn: string): Promise<void> {
    const request = this.service.beginInvocation(executionArn);
    const index = this.invocations.length + 1;
    const start = this.clock.now();
    let crashed: Crash | undefined;
    let signalCrash!: (crash: Crash) => void;
    const crash = new Promise<Crash>((resolve) => {
      signalCrash = resolve;
    });
    let checkpoints = 0;
    const scope: InvocationScope = {
      logs: this.logs,
      perturb: this.options.perturbReplays === true && index > 1,
      crash: (reason) => {
        crashed ??= { reason };
        signalCrash(crashed);
      },
    };
    const neverAnswer = () => new Promise<never>(() => {});
    const client = {
      checkpoint: async (req: Parameters<DurableExecutionService["checkpoint"]>[0]) => {
        if (crashed !== undefined) return neverAnswer();
        this.checkpointCount += 1;
        checkpoints += 1;
        const number = this.checkpointCount;
        const crashPoint =
          this.options.crash?.atCheckpoint === number ? this.options.crash : undefined;
        if (crashPoint?.when === "before-apply") {
          scope.crash(`crashed before checkpoint ${number} was applied`);
          return neverAnswer();
        }
        const fault = this.takeFault(number);
        if (fault === "throttling")
          throw serviceLikeError("TooManyRequestsException", "Rate exceeded", 429);
        if (fault === "server-error")
          throw serviceLikeError("ServiceException", "Internal service error", 500);
        if (fault === "network-error")
          throw serviceLikeError("Error", "socket hang up (ECONNRESET)");
        const response = this.service.checkpoint(
          fault === "stale-token"
            ? { ...req, CheckpointToken: `${req.CheckpointToken}-stale` }
            : req,
        );
        if (fault === "lost-response")
          throw serviceLikeError("Error", "socket hang up (ECONNRESET)");
        if (crashPoint?.when === "after-apply") {
          scope.crash(`crashed after checkpoint ${number} was applied`);
          return neverAnswer();
        }
        return response;
      },
      getExecutionState: async (
        req: Parameters<DurableExecutionService["getExecutionState"]>[0],
      ) => {
        if (crashed !== undefined) return neverAnswer();
        return this.service.getExecutionState(req);
      },
    };

    // Lambda delivers the event as JSON: timestamps arrive as strings.
    const event = { ...JSON.parse(JSON.stringify(request.event)), durableExecutionClient: client };
    const lambdaContext = {
      awsRequestId: request.requestId,
      functionName: this.functionName,
      getRemainingTimeInMillis: () => 900_000,
    };
    const settled = await runInInvocation(scope, () =>
      Promise.race([
        Promise.resolve()
          .then(() =>
            (this.handler as (e: unknown, c: unknown) => Promise<unknown>)(event, lambdaContext),
          )
          .then(
            (output) => ({ kind: "returned" as const, output }),
            (error: unknown) => ({ kind: "threw" as const, error }),
          ),
        crash.then((c) => ({ kind: "crashed" as const, reason: c.reason })),
      ]),
    );

    const record: InvocationRecord = {
      index,
      requestId: request.requestId,
      start,
      end: this.clock.now(),
      outcome: "CRASHED",
      checkpoints,
    };
    if (settled.kind === "returned") {
      const status = (settled.output as { Status?: unknown } | undefined)?.Status;
      record.outcome =
        status === "SUCCEEDED" || status === "FAILED" || status === "PENDING" ? status : "THREW";
      this.service.endInvocation(executionArn, request.requestId, {
        kind: "returned",
        output: settled.output,
      });
    } else {
      const error: ErrorObject =
        settled.kind === "crashed"
          ? { ErrorType: "Runtime.ExitError", ErrorMessage: `Runtime exited: ${settled.reason}` }
          : errorObjectOf(settled.error);
      record.outcome = settled.kind === "crashed" ? "CRASHED" : "THREW";
      record.error = error;
      this.service.endInvocation(executionArn, request.requestId, { kind: "threw", error });
    }
    this.invocations.push(record);
  }

  private takeFault(checkpoint: number) {
    const index = this.faults.findIndex((fault) => fault.atCheckpoint === checkpoint);
    if (index < 0) return undefined;
    return this.faults.splice(index, 1)[0]!.kind;
  }

  private result(arn: string, started: Date): DurableRun {
    const execution = this.service.getExecution({
      DurableExecutionArn: arn,
      IncludeExecutionData: true,
    });
    const operations = this.service.getOperations(arn);
    const history = readHistory(this.service, arn);
    const resultPayload = execution.Result;
    const end = execution.EndTimestamp ?? this.clock.now();
    const run: DurableRun = {
      executionArn: arn,
      status: execution.Status as ExecutionStatus,
      result:
        resultPayload === undefined || resultPayload === "" ? undefined : JSON.parse(resultPayload),
      resultPayload,
      error: execution.Error,
      operations,
      history,
      invocations: this.invocations,
      logs: this.logs,
      checkpointCount: this.checkpointCount,
      elapsedMs: end.getTime() - started.getTime(),
      timeline: "",
      getOperation(name) {
        const found = operations.find((operation) => operation.Name === name);
        if (found === undefined) {
          const names = [...new Set(operations.map((operation) => operation.Name).filter(Boolean))];
          throw new HarnessError(
            `No operation named "${name}". Operations in this run: ${names.length === 0 ? "none with a name" : names.map((n) => `"${n}"`).join(", ")}.`,
          );
        }
        return found;
      },
    };
    run.timeline = renderTimeline(run, started);
    return run;
  }
}

function readHistory(service: DurableExecutionService, arn: string) {
  const events = [];
  let marker: string | undefined;
  do {
    const page = service.getExecutionHistory({
      DurableExecutionArn: arn,
      IncludeExecutionData: true,
      MaxItems: 1000,
      ...(marker === undefined ? {} : { Marker: marker }),
    });
    events.push(...(page.Events ?? []));
    marker = page.NextMarker;
  } while (marker !== undefined);
  return events;
}

function errorObjectOf(error: unknown): ErrorObject {
  if (error instanceof Error) return { ErrorType: error.name, ErrorMessage: error.message };
  return { ErrorType: "Error", ErrorMessage: String(error) };
}

function describeWork(waits: ReturnType<DurableExecutionService["pendingWork"]>): string {
  if (waits.length === 0) return " (no operation is waiting on a timer)";
  return `: waiting on ${waits.map((work) => JSON.stringify(work)).join(", ")}`;
}
