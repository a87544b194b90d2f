import type { Operation } from "@aws-sdk/client-lambda";
import { DurablePromise } from "../durable-promise.js";
import { DurableConfigError, NonDeterministicExecutionError } from "../errors.js";
import type { Invocation } from "../execution/invocation.js";
import { createLogger } from "../logger.js";
import { runStep } from "../operations/step.js";
import { runWait } from "../operations/wait.js";
import type { DurableContext, ExecutionContext } from "../types/durable-context.js";
import type { Duration } from "../types/duration.js";
import type { Logger } from "../types/logger.js";
import type { StepConfig, StepFunction } from "../types/step.js";
import { wireId } from "./operation-id.js";

/** An operation's place in the execution, and what the log holds for it. */
export interface OperationHandle {
  /** Position-derived id ("1", "2-1"), used in messages. */
  stepId: string;
  /** The id on the wire (MD5 of `stepId`, protocol.md §4). */
  id: string;
  parentId: string | undefined;
  name: string | undefined;
  type: string;
  subType: string;
  /** The record found at this position, if the operation ran before. */
  record: Operation | undefined;
}

const NAME_PATTERN = /^[\x20-\x7E]{1,256}$/;

/**
 * The `DurableContext` of the root handler (and, later, of each child context).
 *
 * Invariants: operation ids are taken in call order from one counter per context; once an
 * operation finds no record at its position the context stays in execution mode, because nothing
 * after it can have been recorded.
 */
export class DurableContextImpl implements DurableContext {
  readonly logger: Logger;
  readonly executionContext: ExecutionContext;
  private counter = 0;

  constructor(
    readonly invocation: Invocation,
    readonly lambdaContext: unknown,
    private replaying: boolean,
    private readonly prefix = "",
    private readonly parentId: string | undefined = undefined,
  ) {
    this.executionContext = { durableExecutionArn: invocation.executionArn };
    this.logger = createLogger(
      { executionArn: invocation.executionArn, requestId: invocation.requestId },
      invocation.loggerConfig,
      () => this.replaying,
    );
  }

  get isReplaying(): boolean {
    return this.replaying;
  }

  step<T>(
    nameOrFn: string | undefined | StepFunction<T>,
    fnOrConfig?: StepFunction<T> | StepConfig<T>,
    maybeConfig?: StepConfig<T>,
  ): DurablePromise<T> {
    const [name, fn, config] =
      typeof nameOrFn === "function"
        ? [undefined, nameOrFn, fnOrConfig as StepConfig<T> | undefined]
        : [nameOrFn, fnOrConfig as StepFunction<T>, maybeConfig];
    return this.operation(() => {
      if (typeof fn !== "function") {
        throw new DurableConfigError(
          `step${name === undefined ? "" : ` "${name}"`}: expected a function to run, got ${typeof fn}.`,
        );
      }
      return runStep(this, this.begin("STEP", "Step", name), fn, config ?? {});
    });
  }

  wait(
    nameOrDuration: string | undefined | Duration,
    maybeDuration?: Duration,
  ): DurablePromise<void> {
    const [name, duration] =
      typeof nameOrDuration === "object" && nameOrDuration !== null
        ? [undefined, nameOrDuration]
        : [nameOrDuration as string | undefined, maybeDuration as Duration];
    return this.operation(() => runWait(this, name, duration));
  }

  /**
   * Takes the next position in this context and checks it against the log. A record of another
   * kind or name at this position means the code changed path since it was recorded.
   */
  begin(type: string, subType: string, name: string | undefined): OperationHandle {
    if (name !== undefined && (typeof name !== "string" || !NAME_PATTERN.test(name))) {
      throw new DurableConfigError(
        `${subType} name must be 1 to 256 printable ASCII characters, got ${JSON.stringify(name)}.`,
      );
    }
    this.counter += 1;
    const stepId = `${this.prefix}${this.counter}`;
    const id = wireId(stepId);
    const record = this.invocation.log.get(id);
    if (record === undefined) {
      this.replaying = false;
    } else if (record.Type !== type || record.SubType !== subType || record.Name !== name) {
      throw new NonDeterministicExecutionError(
        stepId,
        { type: record.Type ?? "UNKNOWN", subType: record.SubType, name: record.Name },
        { type, subType, name },
      );
    }
    return { stepId, id, parentId: this.parentId, name, type, subType, record };
  }

  /** Starts an operation now, routing errors user code must not catch to the invocation. */
  private operation<T>(run: () => Promise<T>): DurablePromise<T> {
    return new DurablePromise(() => {
      if (this.invocation.isOver) return new Promise<T>(() => {});
      let started: Promise<T>;
      try {
        started = run();
      } catch (error) {
        started = Promise.reject(error);
      }
      return this.invocation.guard(started);
    });
  }
}
