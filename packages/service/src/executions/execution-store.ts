import { InvalidParameterValueError, ResourceNotFoundError } from "../errors.js";
import { describeValue } from "../fields.js";
import type { Execution } from "./execution.js";

/**
 * The executions of one service, by ARN and by `{function}/{name}`. An ended execution is kept
 * for its function's `RetentionPeriodInDays` (protocol.md §8), then forgotten the next time it is
 * looked up or listed: it is then not found, and its name can start a new execution.
 */
export class ExecutionStore {
  private readonly byArn = new Map<string, Execution>();
  private readonly byName = new Map<string, Execution>();

  add(execution: Execution): void {
    this.byArn.set(execution.arn, execution);
    this.byName.set(nameKey(execution.functionName, execution.name), execution);
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
    return [...this.byArn.values()].filter((execution) => execution.status === "RUNNING");
  }

  private purgeIfExpired(execution: Execution, now: Date): boolean {
    if (!execution.isExpired(now)) return false;
    this.byArn.delete(execution.arn);
    this.byName.delete(nameKey(execution.functionName, execution.name));
    return true;
  }
}

function nameKey(functionName: string, executionName: string): string {
  return `${functionName}/${executionName}`;
}
