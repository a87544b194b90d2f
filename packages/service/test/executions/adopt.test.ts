import { describe, expect, it } from "vitest";
import {
  callback,
  callbackIdIn,
  catchServiceError,
  Invocation,
  setup,
  step,
  wait,
} from "../helpers/service.js";

/** Records an execution on one service, to adopt it on another. */
function recorded() {
  const { service, start } = setup();
  const arn = start('{"orderId":"o-1"}');
  const invocation = new Invocation(service, arn);
  invocation.checkpoint(step.start("1"), step.succeed("1", '"loaded"'), wait.start("2", 3600));
  const callbackId = callbackIdIn(
    invocation.checkpoint(callback.start("3", { CallbackOptions: { TimeoutSeconds: 60 } })),
    "3",
  );
  invocation.pending();
  const events = service.getExecutionHistory({ DurableExecutionArn: arn, MaxItems: 1000 }).Events!;
  return { arn, operations: service.visibleOperations(arn), events, callbackId };
}

describe("DurableExecutionService.adoptExecution", () => {
  it("takes in a suspended execution, invoked next with its recorded operations", () => {
    const { arn, operations, events } = recorded();
    const { service } = setup();
    service.adoptExecution({
      functionName: "test-function",
      executionArn: arn,
      operations,
      events,
    });

    // It suspended: nothing is due until its wait or callback is.
    expect(service.runnableExecutions()).toEqual([]);
    service.requestInvocation(arn);
    expect(service.runnableExecutions()).toEqual([arn]);
    const { event } = service.beginInvocation(arn);
    expect(event.InitialExecutionState.Operations.map((op) => [op.Id, op.Status])).toEqual(
      operations.map((op) => [op.Id, op.Status]),
    );
  });

  it("goes on with the recorded timers and callback deadlines", () => {
    const { arn, operations, events, callbackId } = recorded();
    const { service, advance } = setup();
    service.adoptExecution({
      functionName: "test-function",
      executionArn: arn,
      operations,
      events,
    });
    new Invocation(service, arn).pending();

    advance(60);
    const timedOut = service.getOperations(arn).find((op) => op.Id === "3");
    expect(timedOut).toMatchObject({ Status: "TIMED_OUT" });
    expect(service.findCallbacks(arn)[0]?.callbackId).toBe(callbackId);
    advance(3540);
    expect(service.getOperations(arn).find((op) => op.Id === "2")).toMatchObject({
      Status: "SUCCEEDED",
    });
  });

  it("invokes at once an execution whose last invocation was still running", () => {
    const { service, start } = setup();
    const arn = start();
    new Invocation(service, arn).checkpoint(step.start("1"));
    const other = setup().service;
    other.adoptExecution({
      functionName: "test-function",
      executionArn: arn,
      operations: service.visibleOperations(arn),
      events: service.getExecutionHistory({ DurableExecutionArn: arn }).Events!,
    });
    expect(other.runnableExecutions()).toEqual([arn]);
  });

  it("keeps an ended execution ended", () => {
    const { service, start } = setup();
    const arn = start();
    new Invocation(service, arn).succeeds('"done"');
    const other = setup().service;
    other.adoptExecution({
      functionName: "test-function",
      executionArn: arn,
      operations: service.visibleOperations(arn),
      events: service.getExecutionHistory({ DurableExecutionArn: arn }).Events!,
    });
    expect(other.getExecution({ DurableExecutionArn: arn })).toMatchObject({
      Status: "SUCCEEDED",
      Result: '"done"',
    });
    expect(other.runnableExecutions()).toEqual([]);
  });

  it("refuses a recording without its EXECUTION operation", () => {
    const { service } = setup();
    const error = catchServiceError(
      () =>
        service.adoptExecution({
          functionName: "test-function",
          executionArn: "arn:x",
          operations: [],
        }),
      "InvalidParameterValueException",
    );
    expect(error.message).toBe(
      "Cannot adopt an execution without its EXECUTION operation (with Id and StartTimestamp): give every operation GetDurableExecutionState returned.",
    );
  });
});
