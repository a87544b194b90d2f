import { describe, expect, it } from "vitest";
import {
  catchServiceError,
  eventTypes,
  historyOf,
  Invocation,
  setup,
  step,
  T0,
  wait,
} from "../helpers/service.js";

describe("invocations", () => {
  it("makes a new execution runnable, and not runnable while its invocation is in flight", () => {
    const { service, start } = setup();
    const arn = start();
    expect(service.runnableExecutions()).toEqual([arn]);
    new Invocation(service, arn);
    expect(service.runnableExecutions()).toEqual([]);
  });

  it("lists runnable executions, the one that has waited longest first", () => {
    const { service, start, advance } = setup();
    const first = start();
    const second = start();
    const a = new Invocation(service, first);
    a.checkpoint(wait.start("w", 10));
    a.pending();
    expect(service.runnableExecutions()).toEqual([second]);
    advance(10);
    expect(service.runnableExecutions()).toEqual([second, first]);
  });

  it("hands the function an event with the EXECUTION operation and its input", () => {
    const { service, start } = setup();
    const arn = start('{"name":"World"}');
    const { event, executionArn, requestId } = service.beginInvocation(arn);
    expect(executionArn).toBe(arn);
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(event).toEqual({
      DurableExecutionArn: arn,
      CheckpointToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      InitialExecutionState: {
        Operations: [
          {
            Id: expect.stringMatching(/^[0-9a-f-]{36}$/),
            Type: "EXECUTION",
            StartTimestamp: T0,
            Status: "STARTED",
            ExecutionDetails: { InputPayload: '{"name":"World"}' },
          },
        ],
      },
    });
  });

  it("pages the initial state: the event holds the first page and a marker for the rest", () => {
    const { service, start } = setup({ limits: { initialStatePageSize: 2 } });
    const arn = start();
    const first = new Invocation(service, arn);
    first.checkpoint(
      step.start("a"),
      step.succeed("a"),
      step.start("b"),
      step.succeed("b"),
      wait.start("w", 5),
    );
    first.pending();
    // A spurious invocation (the wait has not fired yet) still gets the whole state.
    const { event } = service.beginInvocation(arn);
    expect(event.InitialExecutionState.Operations.map((op) => op.Id)).toEqual([
      expect.any(String),
      "a",
    ]);
    const marker = event.InitialExecutionState.NextMarker!;
    const rest = service.getExecutionState({
      DurableExecutionArn: arn,
      CheckpointToken: event.CheckpointToken,
      Marker: marker,
      MaxItems: 1000,
    });
    expect(rest.Operations?.map((op) => op.Id)).toEqual(["b", "w"]);
    expect(rest.NextMarker).toBeUndefined();
  });

  it("pages GetDurableExecutionState by MaxItems, in start order", () => {
    const { service, start } = setup();
    const arn = start();
    const invocation = new Invocation(service, arn);
    invocation.checkpoint(...["a", "b", "c", "d"].map((id) => step.start(id)));
    const ids: string[] = [];
    let marker: string | undefined;
    do {
      const page = service.getExecutionState({
        DurableExecutionArn: arn,
        CheckpointToken: invocation.token,
        MaxItems: 2,
        ...(marker === undefined ? {} : { Marker: marker }),
      });
      expect(page.Operations!.length).toBeLessThanOrEqual(2);
      ids.push(...page.Operations!.map((op) => op.Id!));
      marker = page.NextMarker;
    } while (marker !== undefined);
    expect(ids.slice(1)).toEqual(["a", "b", "c", "d"]);
  });

  it("rejects a second invocation while one is in flight", () => {
    const { service, start } = setup();
    const arn = start();
    const invocation = new Invocation(service, arn);
    expect(() => service.beginInvocation(arn)).toThrow(
      `Cannot begin an invocation of durable execution ${arn}: invocation ${invocation.request.requestId} is still in flight. End it with endInvocation first.`,
    );
  });

  it("rejects ending an invocation that is not in flight", () => {
    const { service, start } = setup();
    const arn = start();
    new Invocation(service, arn);
    const error = catchServiceError(
      () =>
        service.endInvocation(arn, "other", { kind: "returned", output: { Status: "PENDING" } }),
      "InvalidParameterValueException",
    );
    expect(error.message).toMatch(
      /^Cannot end invocation "other" of durable execution .*: invocation [0-9a-f-]{36} is in flight\.$/,
    );
  });

  it("ends the execution SUCCEEDED with the returned result, after InvocationCompleted", () => {
    const { service, start } = setup();
    const arn = start();
    new Invocation(service, arn).succeeds('"Hello, World!"');
    expect(service.getExecution({ DurableExecutionArn: arn })).toMatchObject({
      Status: "SUCCEEDED",
      Result: '"Hello, World!"',
      EndTimestamp: T0,
    });
    expect(eventTypes(historyOf(service, arn))).toEqual([
      "1 ExecutionStarted",
      "2 InvocationCompleted",
      "3 ExecutionSucceeded",
    ]);
    expect(service.runnableExecutions()).toEqual([]);
  });

  it("ends the execution SUCCEEDED without a result when the handler returned undefined", () => {
    const { service, start } = setup();
    const arn = start();
    new Invocation(service, arn).succeeds();
    const execution = service.getExecution({ DurableExecutionArn: arn });
    expect(execution.Status).toBe("SUCCEEDED");
    expect(execution.Result).toBeUndefined();
  });

  it("ends the execution FAILED with the returned error", () => {
    const { service, start } = setup();
    const arn = start();
    new Invocation(service, arn).returns({
      Status: "FAILED",
      Error: { ErrorType: "StepError", ErrorMessage: "card declined" },
    });
    expect(service.getExecution({ DurableExecutionArn: arn })).toMatchObject({
      Status: "FAILED",
      Error: { ErrorType: "StepError", ErrorMessage: "card declined" },
    });
  });

  it("keeps a PENDING execution running while a wait is pending", () => {
    const { service, start } = setup();
    const arn = start();
    const invocation = new Invocation(service, arn);
    invocation.checkpoint(wait.start("w", 5));
    invocation.pending();
    expect(service.getExecution({ DurableExecutionArn: arn }).Status).toBe("RUNNING");
    expect(service.runnableExecutions()).toEqual([]);
  });

  it("fails a PENDING execution with no pending operations", () => {
    const { service, start } = setup();
    const arn = start();
    const invocation = new Invocation(service, arn);
    invocation.checkpoint(step.start("a"), step.succeed("a"));
    invocation.pending();
    expect(service.getExecution({ DurableExecutionArn: arn })).toMatchObject({
      Status: "FAILED",
      Error: {
        ErrorType: "InvalidParameterValueException",
        ErrorMessage: "Cannot return PENDING status with no pending operations.",
      },
    });
  });

  it("counts a step that crashed mid-attempt as nothing pending", () => {
    const { service, start } = setup();
    const arn = start();
    const invocation = new Invocation(service, arn);
    invocation.checkpoint(step.start("a"));
    invocation.pending();
    expect(service.getExecution({ DurableExecutionArn: arn }).Status).toBe("FAILED");
  });

  it("invokes again after PENDING when a step is READY", () => {
    const { service, start, advance } = setup();
    const arn = start();
    const first = new Invocation(service, arn);
    first.checkpoint(step.start("a"), step.retry("a", 1));
    first.pending();
    advance(1);
    // This invocation does not run the READY step; the service must not forget it.
    new Invocation(service, arn).pending();
    expect(service.runnableExecutions()).toEqual([arn]);
  });

  it("invokes again after PENDING when a wait fired during the invocation", () => {
    const { service, start, advance } = setup();
    const arn = start();
    const invocation = new Invocation(service, arn);
    invocation.checkpoint(wait.start("w", 1));
    advance(1);
    invocation.pending();
    expect(service.getExecution({ DurableExecutionArn: arn }).Status).toBe("RUNNING");
    expect(service.runnableExecutions()).toEqual([arn]);
  });

  it("retries an invocation that threw, recording its error", () => {
    const { service, start } = setup();
    const arn = start();
    new Invocation(service, arn).throws({
      ErrorType: "Runtime.ExitError",
      ErrorMessage: "exit status 1",
    });
    expect(service.getExecution({ DurableExecutionArn: arn }).Status).toBe("RUNNING");
    expect(service.runnableExecutions()).toEqual([arn]);
    expect(historyOf(service, arn)[1]?.InvocationCompletedDetails).toEqual({
      StartTimestamp: T0,
      EndTimestamp: T0,
      RequestId: expect.any(String),
      Error: {
        Payload: { ErrorType: "Runtime.ExitError", ErrorMessage: "exit status 1" },
        Truncated: false,
      },
    });
  });

  it("fails the execution after maxInvocationAttempts failed invocations in a row", () => {
    const { service, start } = setup({ limits: { maxInvocationAttempts: 3 } });
    const arn = start();
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      expect(service.runnableExecutions()).toEqual([arn]);
      new Invocation(service, arn).throws({
        ErrorType: "Error",
        ErrorMessage: `attempt ${attempt}`,
      });
    }
    expect(service.getExecution({ DurableExecutionArn: arn })).toMatchObject({
      Status: "FAILED",
      Error: { ErrorType: "Error", ErrorMessage: "attempt 3" },
    });
    expect(eventTypes(historyOf(service, arn)).slice(-2)).toEqual([
      "4 InvocationCompleted",
      "5 ExecutionFailed",
    ]);
    expect(service.runnableExecutions()).toEqual([]);
  });

  it("starts counting failed invocations again after one returns", () => {
    const { service, start, advance } = setup({ limits: { maxInvocationAttempts: 2 } });
    const arn = start();
    new Invocation(service, arn).throws();
    const second = new Invocation(service, arn);
    second.checkpoint(wait.start("w", 1));
    second.pending();
    advance(1);
    new Invocation(service, arn).throws();
    expect(service.getExecution({ DurableExecutionArn: arn }).Status).toBe("RUNNING");
  });

  it("fails the invocation on a malformed output and retries it", () => {
    const { service, start } = setup();
    const arn = start();
    new Invocation(service, arn).returns({ Status: "DONE" });
    expect(service.runnableExecutions()).toEqual([arn]);
    expect(historyOf(service, arn)[1]?.InvocationCompletedDetails?.Error?.Payload).toEqual({
      ErrorType: "InvalidParameterValueException",
      ErrorMessage:
        'Invalid durable invocation output: Status must be SUCCEEDED, FAILED or PENDING, got "DONE". A durable function returns {Status: "SUCCEEDED", Result?: string}, {Status: "FAILED", Error: ErrorObject} or {Status: "PENDING"}.',
    });
  });

  it("invokes again after PENDING with nothing pending when asked to, as after a withheld token", () => {
    const { service, start } = setup();
    const arn = start();
    const first = new Invocation(service, arn);
    first.checkpoint(step.start("1"), step.succeed("1", '"one"'));
    service.requestInvocation(arn);
    first.pending();
    expect(service.getExecution({ DurableExecutionArn: arn }).Status).toBe("RUNNING");
    expect(service.runnableExecutions()).toEqual([arn]);
  });

  it("fails an invocation whose response is over 6 MB, counted in bytes, and retries it", () => {
    const { service, start } = setup();
    const arn = start();
    // 3.3 million characters, 6.6 million bytes once UTF-8.
    const result = JSON.stringify("é".repeat(3_300_000));
    new Invocation(service, arn).succeeds(result);
    expect(service.getExecution({ DurableExecutionArn: arn }).Status).toBe("RUNNING");
    expect(service.runnableExecutions()).toEqual([arn]);
    expect(historyOf(service, arn)[1]?.InvocationCompletedDetails?.Error?.Payload).toEqual({
      ErrorType: "Function.ResponseSizeTooLarge",
      ErrorMessage:
        "Response payload size (6600038 bytes) exceeded maximum allowed payload size (6291556 bytes).",
    });
  });

  it("refuses an execution input over 6 MB, counted in bytes", () => {
    const { service } = setup();
    const input = JSON.stringify("é".repeat(3_200_000));
    expect(
      catchServiceError(
        () => service.startExecution({ functionName: "test-function", input }),
        "InvalidParameterValueException",
      ).message,
    ).toBe("input must be at most 6291456 bytes (6 MB, Lambda's Invoke limit), got 6400002.");
  });

  it.each([
    [undefined, "expected an object, got undefined"],
    [{ Status: "SUCCEEDED", Result: { a: 1 } }, "Result must be a JSON string, got an object"],
    [{ Status: "FAILED" }, "a FAILED output needs an Error"],
  ])("explains the malformed output %j", (output, problem) => {
    const { service, start } = setup();
    const arn = start();
    new Invocation(service, arn).returns(output);
    const message = historyOf(service, arn)[1]?.InvocationCompletedDetails?.Error?.Payload
      ?.ErrorMessage;
    expect(message).toContain(`Invalid durable invocation output: ${problem}.`);
  });

  it("only records InvocationCompleted for an execution stopped during the invocation", () => {
    const { service, start } = setup();
    const arn = start();
    const invocation = new Invocation(service, arn);
    service.stopExecution({ DurableExecutionArn: arn });
    invocation.succeeds('"too late"');
    expect(service.getExecution({ DurableExecutionArn: arn })).toMatchObject({ Status: "STOPPED" });
    expect(service.getExecution({ DurableExecutionArn: arn }).Result).toBeUndefined();
    expect(eventTypes(historyOf(service, arn))).toEqual([
      "1 ExecutionStarted",
      "2 ExecutionStopped",
      "3 InvocationCompleted",
    ]);
  });

  it("refuses to invoke an execution that has ended", () => {
    const { service, start } = setup();
    const arn = start();
    new Invocation(service, arn).succeeds();
    expect(() => service.beginInvocation(arn)).toThrow(
      `Cannot invoke durable execution ${arn}: it has ended with status SUCCEEDED.`,
    );
  });
});
