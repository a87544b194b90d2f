import type { Operation } from "@aws-sdk/client-lambda";
import { Checkpointer } from "../checkpoint/checkpointer.js";
import { never } from "../durable-promise.js";
import {
  ContextUsageError,
  DurableConfigError,
  DurableExecutionClientError,
  ensureError,
  NonDeterministicExecutionError,
  SerdesError,
} from "../errors.js";
import type { OperationLog } from "../replay/operation-log.js";
import type { DurableExecutionClient } from "../types/client.js";
import type { LambdaContext } from "../types/invocation.js";
import type { LoggerConfig } from "../types/logger.js";

/** How an invocation ends before the handler returns. */
export type Termination =
  | { kind: "suspend" }
  | { kind: "fail-execution"; error: Error }
  | { kind: "fail-invocation"; error: Error };

/**
 * One run of the handler. It owns the checkpointer and decides when the invocation is over
 * before the handler returns: to suspend (protocol.md §5: nothing queued or in flight, no user
 * code in a step body, and some operation waiting on the service), or because of a fatal error.
 *
 * Invariants: `terminated` settles at most once; after it does, no checkpoint is sent and no
 * operation promise settles, so user code never sees a half-finished invocation.
 */
export class Invocation {
  readonly checkpointer: Checkpointer;
  readonly terminated: Promise<Termination>;
  #terminate!: (termination: Termination) => void;
  #over = false;
  #runningSteps = 0;
  #waitingOperations = 0;
  #idleCheckScheduled = false;

  readonly requestId: string | undefined;

  constructor(
    readonly executionArn: string,
    /** The Lambda context of this invocation, when Lambda passed one. */
    readonly lambdaContext: LambdaContext | undefined,
    readonly log: OperationLog,
    client: DurableExecutionClient,
    checkpointToken: string,
    readonly loggerConfig: LoggerConfig,
  ) {
    this.requestId = lambdaContext?.awsRequestId;
    this.terminated = new Promise((resolve) => {
      this.#terminate = (termination) => {
        if (this.#over) return;
        this.#over = true;
        this.checkpointer.stop();
        resolve(termination);
      };
    });
    this.checkpointer = new Checkpointer(client, executionArn, checkpointToken, log, {
      onFailure: (error) => this.#terminate(classifyFatal(error)),
      onTokenLost: () => this.#terminate({ kind: "suspend" }),
      onIdle: () => this.#scheduleIdleCheck(),
    });
  }

  get isOver(): boolean {
    return this.#over;
  }

  /** Marks user code running in a step body; call the returned function once, when it ends. */
  enterStep(): () => void {
    this.#runningSteps += 1;
    return () => {
      this.#runningSteps -= 1;
      this.#scheduleIdleCheck();
    };
  }

  /**
   * Waits for the service to change an operation (a timer fires, a retry becomes ready). While it
   * waits, the invocation may suspend; the next invocation picks the operation up on replay.
   */
  waitForService(id: string, predicate: (operation: Operation) => boolean): Promise<Operation> {
    const current = this.log.get(id);
    if (current !== undefined && predicate(current)) return Promise.resolve(current);
    this.#waitingOperations += 1;
    this.#scheduleIdleCheck();
    // `until` never rejects.
    return this.log.until(id, predicate).then((operation) => {
      this.#waitingOperations -= 1;
      return operation;
    });
  }

  /**
   * Ends the invocation because of an error user code must not catch, and returns a promise that
   * never settles for the operation that found it.
   */
  halt(error: unknown): Promise<never> {
    this.#terminate(classifyFatal(error));
    return never();
  }

  /** Routes fatal errors of an operation to {@link halt}; other errors reach user code. */
  guard<T>(operation: Promise<T>): Promise<T> {
    return operation.catch((error: unknown) => {
      if (isFatal(error) || this.#over) return this.halt(error);
      throw error;
    });
  }

  #scheduleIdleCheck(): void {
    if (this.#idleCheckScheduled || this.#over) return;
    this.#idleCheckScheduled = true;
    // Checked again one macrotask later, after user code resumed by the last change had its turn.
    setImmediate(() => {
      this.#idleCheckScheduled = false;
      if (this.#canSuspend()) this.#terminate({ kind: "suspend" });
    });
  }

  #canSuspend(): boolean {
    return this.#waitingOperations > 0 && this.#runningSteps === 0 && this.checkpointer.idle;
  }
}

/** Whether an error must end the invocation instead of reaching user code. */
export function isFatal(error: unknown): boolean {
  return (
    error instanceof NonDeterministicExecutionError ||
    error instanceof DurableConfigError ||
    error instanceof ContextUsageError ||
    error instanceof SerdesError ||
    error instanceof DurableExecutionClientError
  );
}

/** How an error user code must not catch ends the invocation. */
export function classifyFatal(error: unknown): Termination {
  if (error instanceof DurableExecutionClientError && error.scope === "EXECUTION") {
    return { kind: "fail-execution", error };
  }
  if (error instanceof SerdesError || error instanceof DurableExecutionClientError) {
    return { kind: "fail-invocation", error: error as Error };
  }
  return {
    kind: "fail-execution",
    error: ensureError(error),
  };
}
