import { InvalidParameterValueError, ResourceNotFoundError } from "../errors.js";
import { describeValue } from "../fields.js";
import type { Execution } from "./execution.js";

/**
 * The executions of one service, by ARN and by `{function}/{name}`. An ended execution is kept
 * for its function's `RetentionPeriodInDays` (protocol.md §8), then forgotten the next time it is
 * looked up or listed: it is then not found, and its name can start a new execution.
 *
 * Invariant: `live` holds every execution that may still change: each RUNNING one, and each
 * ended one until its invocation has ended and (when journaling) the journal has taken its
 * final state. Timers and invocations look only at `live`, so their cost follows the running
 * work, not everything stored.
 */
export class ExecutionStore {
  private readonly byArn = new Map<string, Execution>();
  private readonly byName = new Map<string, Execution>();
  private readonly live = new Set<Execution>();
  private readonly forgotten: string[] = [];

  /** @param journaling whether a journal takes changes (see `takeJournalEntries`). */
  constructor(private readonly journaling = false) {}

  add(execution: Execution): void {
    this.byArn.set(execution.arn, execution);
    this.byName.set(nameKey(execution.functionName, execution.name), execution);
    this.live.add(execution);
  }

  /**
   * The execution with this ARN.
   *
   * @throws ResourceNotFoundError if there is none (or its retention ran out).
   */
  get(arn: unknown, now: Date): Execution {
    if (typeof arn !== "string" || arn.length === 0) {
      throw new InvalidParameterValueError(
        `DurableExecutionArn must be an execution ARN, got ${describeValue(arn)}.`,
      );
    }
    const execution = this.byArn.get(arn);
    if (execution === undefined || this.purgeIfExpired(execution, now)) {
      throw new ResourceNotFoundError(`Durable execution not found: ${arn}.`);
    }
    return execution;
  }

  /** The execution with this ARN, or undefined if there is none (or its retention ran out). */
  find(arn: string, now: Date): Execution | undefined {
    const execution = this.byArn.get(arn);
    return execution === undefined || this.purgeIfExpired(execution, now) ? undefined : execution;
  }

  findByName(functionName: string, executionName: string, now: Date): Execution | undefined {
    const execution = this.byName.get(nameKey(functionName, executionName));
    return execution === undefined || this.purgeIfExpired(execution, now) ? undefined : execution;
  }

  /** Every execution still retained, in start order. */
  all(now: Date): Execution[] {
    return [...this.byArn.values()].filter((execution) => !this.purgeIfExpired(execution, now));
  }

  /** Executions that may have timers or invocations: the running ones, in start order. */
  running(): Execution[] {
    const running: Execution[] = [];
    for (const execution of this.live) {
      if (execution.status === "RUNNING") running.push(execution);
      else this.settleIfDone(execution);
    }
    return running;
  }

  /** Every execution that may have changed since the journal last looked, in start order. */
  changing(): Execution[] {
    return [...this.live];
  }

  /** Leaves `live` once ended, with no invocation in flight, and journaled to the end. */
  settleIfDone(execution: Execution): void {
    const journaled = !this.journaling || execution.journal?.final === true;
    if (execution.settled && journaled) {
      this.live.delete(execution);
    }
  }

  /** ARNs of executions forgotten (retention) since the last call, when journaling. */
  takeForgotten(): string[] {
    return this.forgotten.splice(0);
  }

  private purgeIfExpired(execution: Execution, now: Date): boolean {
    if (!execution.isExpired(now)) return false;
    this.byArn.delete(execution.arn);
    this.byName.delete(nameKey(execution.functionName, execution.name));
    this.live.delete(execution);
    if (this.journaling) this.forgotten.push(execution.arn);
    return true;
  }
}

function nameKey(functionName: string, executionName: string): string {
  return `${functionName}/${executionName}`;
}
