import { InvalidParameterValueError, ResourceNotFoundError } from "./errors.js";
import { describeValue, isIntegerIn } from "./fields.js";
import { FUNCTION_NAME_PATTERN, functionArn, functionNameOf, invokeTargetOf } from "./ids.js";
import { MAX_DURATION_SECONDS } from "./limits.js";
import type { FunctionRegistration } from "./types.js";

/** Decision: `ExecutionTimeout` has no documented default; one day keeps forgotten runs bounded. */
const DEFAULT_EXECUTION_TIMEOUT_SECONDS = 86_400;
/** protocol.md §7: `RetentionPeriodInDays` defaults to 14. */
const DEFAULT_RETENTION_DAYS = 14;

/** A registered function and its resolved `DurableConfig`. */
export interface RegisteredFunction {
  name: string;
  arn: string;
  /** A durable function runs durable executions; a plain one is run by the driver when invoked. */
  durable: boolean;
  executionTimeoutSeconds: number;
  retentionPeriodInDays: number;
}

/** The functions of one service, by name. Registering a name again replaces its config. */
export class FunctionRegistry {
  private readonly functions = new Map<string, RegisteredFunction>();

  constructor(
    private readonly region: string,
    private readonly accountId: string,
  ) {}

  register(name: string, config: FunctionRegistration): RegisteredFunction {
    if (typeof name !== "string" || !FUNCTION_NAME_PATTERN.test(name)) {
      throw new InvalidParameterValueError(
        `Function name must match [a-zA-Z0-9-_]{1,64}, got ${describeValue(name)}.`,
      );
    }
    const durable = config.durable ?? true;
    if (typeof durable !== "boolean") {
      throw new InvalidParameterValueError(
        `durable must be true (a durable function) or false (a plain function), got ${describeValue(durable)}.`,
      );
    }
    const timeout = config.executionTimeoutSeconds ?? DEFAULT_EXECUTION_TIMEOUT_SECONDS;
    if (!isIntegerIn(timeout, 1, MAX_DURATION_SECONDS)) {
      throw new InvalidParameterValueError(
        `executionTimeoutSeconds must be an integer from 1 to ${MAX_DURATION_SECONDS}, got ${describeValue(timeout)}.`,
      );
    }
    const retention = config.retentionPeriodInDays ?? DEFAULT_RETENTION_DAYS;
    if (!isIntegerIn(retention, 1, 90)) {
      throw new InvalidParameterValueError(
        `retentionPeriodInDays must be an integer from 1 to 90, got ${describeValue(retention)}.`,
      );
    }
    const registered: RegisteredFunction = {
      name,
      arn: functionArn(this.region, this.accountId, name),
      durable,
      executionTimeoutSeconds: timeout,
      retentionPeriodInDays: retention,
    };
    this.functions.set(name, registered);
    return registered;
  }

  /** Every registered function, in registration order. */
  all(): RegisteredFunction[] {
    return [...this.functions.values()].map((fn) => ({ ...fn }));
  }

  /**
   * The function with this name or ARN (unqualified or `:$LATEST`).
   *
   * @throws ResourceNotFoundError if no such function is registered.
   */
  get(nameOrArn: unknown): RegisteredFunction {
    if (typeof nameOrArn !== "string" || nameOrArn.length === 0) {
      throw new InvalidParameterValueError(
        `FunctionName must be a function name or ARN, got ${describeValue(nameOrArn)}.`,
      );
    }
    const name = functionNameOf(nameOrArn, this.region, this.accountId);
    const fn = name === undefined ? undefined : this.functions.get(name);
    if (fn === undefined) {
      throw new ResourceNotFoundError(
        `Function not found: ${nameOrArn}. Register it with registerFunction before starting executions.`,
      );
    }
    return fn;
  }

  /**
   * The registered function a chained invoke names (a name, `name:qualifier`, or a function ARN
   * with or without a qualifier) and the qualifier it gave, or undefined if there is none.
   */
  resolveInvokeTarget(target: string): { fn: RegisteredFunction; qualifier?: string } | undefined {
    const resolved = invokeTargetOf(target, this.region, this.accountId);
    const fn = resolved === undefined ? undefined : this.functions.get(resolved.name);
    if (fn === undefined) return undefined;
    return resolved?.qualifier === undefined ? { fn } : { fn, qualifier: resolved.qualifier };
  }
}
