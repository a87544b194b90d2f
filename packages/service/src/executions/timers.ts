import type { Operation } from "@aws-sdk/client-lambda";
import { operationTypeModule } from "../operations/index.js";
import type { PendingWork } from "../types.js";
import type { Execution } from "./execution.js";

/** The earliest timer of a running execution, its execution timeout included. */
export function nextTimerOf(execution: Execution): Date | undefined {
  if (execution.status !== "RUNNING") return undefined;
  let next = execution.timeoutAt.getTime();
  for (const timer of execution.timers.values()) next = Math.min(next, timer.at.getTime());
  return new Date(next);
}

/**
 * Fires every timer due at `now`, oldest first. Operation timers due no later than the execution
 * timeout fire before it (a wait ending at the timeout instant still completes); then the
 * execution times out if its timeout is due.
 */
export function fireDueTimersOf(execution: Execution, now: Date): void {
  if (execution.status !== "RUNNING") return;
  const due = [...execution.timers.values()]
    .filter((timer) => timer.at.getTime() <= now.getTime())
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const timer of due) {
    if (timer.at.getTime() > execution.timeoutAt.getTime()) break;
    execution.timers.delete(timer.operationId);
    const operation = execution.operation(timer.operationId)!;
    operationTypeModule(operation.Type)!.fireTimer(operation, execution, now);
  }
  if (execution.timeoutAt.getTime() <= now.getTime()) {
    // Decision: the service's error for a timed-out execution is undocumented; this one names the
    // limit, in the style of the callback timeouts ("Callback.Timeout").
    execution.end("TIMED_OUT", now, {
      error: {
        ErrorType: "Execution.Timeout",
        ErrorMessage: `The durable execution did not finish within its ExecutionTimeout of ${execution.executionTimeoutSeconds} seconds.`,
      },
    });
  }
}

/**
 * What a running execution waits on: an invocation; its waits and retries in the order they end;
 * its STARTED callbacks and chained invokes in start order; then the plain function calls of
 * those invokes that the driver has still to finish.
 */
export function pendingWorkOf(execution: Execution): PendingWork[] {
  if (execution.status !== "RUNNING") return [];
  const work: PendingWork[] = [];
  if (execution.invocation !== undefined) {
    work.push({ kind: "invocation", requestId: execution.invocation.requestId });
  } else if (execution.needsInvocation) {
    work.push({ kind: "invocation" });
  }
  const timers = [...execution.timers.values()]
    .filter((timer) => timer.kind !== "callback")
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const timer of timers) {
    const operation = execution.readOperation(timer.operationId)!;
    const name = nameOf(operation);
    const until = new Date(timer.at.getTime());
    if (timer.kind === "wait") {
      work.push({ kind: "wait", operationId: timer.operationId, ...name, until });
    } else {
      const nextAttempt = (operation.StepDetails?.Attempt ?? 0) + 1;
      work.push({ kind: "retry", operationId: timer.operationId, ...name, until, nextAttempt });
    }
  }
  const functions: PendingWork[] = [];
  for (const operation of execution.allOperations()) {
    if (operation.Status !== "STARTED") continue;
    const operationId = operation.Id!;
    if (operation.Type === "CALLBACK") {
      const deadlines = execution.callbacks.get(operationId)!;
      work.push({
        kind: "callback",
        operationId,
        ...nameOf(operation),
        callbackId: deadlines.callbackId,
        ...(deadlines.timeoutAt === undefined ? {} : { timeoutAt: copyDate(deadlines.timeoutAt) }),
        ...(deadlines.heartbeatDeadline === undefined
          ? {}
          : { heartbeatDeadline: copyDate(deadlines.heartbeatDeadline) }),
      });
    } else if (operation.Type === "CHAINED_INVOKE") {
      const target = execution.invokes.get(operationId)!;
      work.push({
        kind: "invoke",
        operationId,
        ...nameOf(operation),
        functionName: target.functionName,
        ...(target.childExecutionArn === undefined
          ? {}
          : { childExecutionArn: target.childExecutionArn }),
      });
      // A plain target's invocation lasts exactly as long as its operation is STARTED.
      if (target.invocationId !== undefined) {
        functions.push({
          kind: "function",
          invocationId: target.invocationId,
          functionName: target.functionName,
        });
      }
    }
  }
  work.push(...functions);
  return work;
}

function nameOf(operation: Operation): { name?: string } {
  return operation.Name === undefined ? {} : { name: operation.Name };
}

function copyDate(date: Date): Date {
  return new Date(date.getTime());
}
