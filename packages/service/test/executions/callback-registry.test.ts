import { describe, expect, it } from "vitest";
import {
  callback,
  callbackIdIn,
  catchServiceError,
  context,
  historyOf,
  Invocation,
  setup,
  T0,
} from "../helpers/service.js";

const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

/** An execution suspended on callback "cb" (named "approval"), one second after it started. */
function suspended(options: { TimeoutSeconds?: number; HeartbeatTimeoutSeconds?: number } = {}) {
  const fixture = setup({ limits: { maxOperationPayloadBytes: 16, maxErrorBytes: 64 } });
  const arn = fixture.start();
  const invocation = new Invocation(fixture.service, arn);
  const response = invocation.checkpoint(
    callback.start("cb", { Name: "approval", CallbackOptions: options }),
  );
  invocation.pending();
  fixture.advance(1);
  return { ...fixture, arn, callbackId: callbackIdIn(response, "cb") };
}

describe("sendCallbackSuccess", () => {
  it("completes the callback with the body as UTF-8 text and asks for an invocation", () => {
    const { service, arn, callbackId } = suspended();
    expect(service.runnableExecutions()).toEqual([]);
    const response = service.sendCallbackSuccess({
      CallbackId: callbackId,
      Result: new TextEncoder().encode('"apprové"'),
    });
    expect(response).toEqual({});
    expect(service.getOperations(arn)[1]).toMatchObject({
      Status: "SUCCEEDED",
      EndTimestamp: at(1),
      CallbackDetails: { CallbackId: callbackId, Result: '"apprové"' },
    });
    expect(service.runnableExecutions()).toEqual([arn]);
    const next = new Invocation(service, arn);
    expect(next.request.event.InitialExecutionState.Operations[1]?.Status).toBe("SUCCEEDED");
  });

  it("takes the result as a string too, and leaves an absent result absent", () => {
    const first = suspended();
    first.service.sendCallbackSuccess({ CallbackId: first.callbackId, Result: "42" });
    expect(first.service.getOperations(first.arn)[1]?.CallbackDetails?.Result).toBe("42");
    const second = suspended();
    second.service.sendCallbackSuccess({ CallbackId: second.callbackId });
    expect(second.service.getOperations(second.arn)[1]?.CallbackDetails).toEqual({
      CallbackId: second.callbackId,
    });
  });

  it("accepts a result of exactly the per-operation limit and rejects one byte more", () => {
    const { service, callbackId } = suspended();
    const error = catchServiceError(
      () => service.sendCallbackSuccess({ CallbackId: callbackId, Result: "x".repeat(17) }),
      "InvalidParameterValueException",
    );
    expect(error.message).toBe(
      "Callback result payload size must be less than or equal to 16 bytes, got 17.",
    );
    expect(() =>
      service.sendCallbackSuccess({ CallbackId: callbackId, Result: "x".repeat(16) }),
    ).not.toThrow();
  });

  it("rejects bytes that are not UTF-8, and a result of another type", () => {
    const { service, callbackId } = suspended();
    expect(() =>
      service.sendCallbackSuccess({ CallbackId: callbackId, Result: new Uint8Array([0xff, 0xfe]) }),
    ).toThrow("Result must be UTF-8 text: the bytes sent are not valid UTF-8.");
    expect(() =>
      service.sendCallbackSuccess({ CallbackId: callbackId, Result: 42 as never }),
    ).toThrow(
      "Result must be the callback's result as bytes (Uint8Array) or text (string), got 42.",
    );
  });

  it("returns the completion in the next checkpoint response of an invocation in flight", () => {
    const { service, start } = setup();
    const arn = start();
    const invocation = new Invocation(service, arn);
    const callbackId = callbackIdIn(invocation.checkpoint(callback.start("cb")), "cb");
    service.sendCallbackSuccess({ CallbackId: callbackId, Result: '"ok"' });
    expect(invocation.checkpoint().NewExecutionState?.Operations).toMatchObject([
      { Id: "cb", Status: "SUCCEEDED", CallbackDetails: { Result: '"ok"' } },
    ]);
  });
});

describe("sendCallbackFailure", () => {
  it("fails the callback with the error and asks for an invocation", () => {
    const { service, arn, callbackId } = suspended();
    const error = { ErrorType: "RejectedError", ErrorMessage: "not approved" };
    expect(service.sendCallbackFailure({ CallbackId: callbackId, Error: error })).toEqual({});
    expect(service.getOperations(arn)[1]).toMatchObject({
      Status: "FAILED",
      CallbackDetails: { Error: error },
    });
    expect(service.runnableExecutions()).toEqual([arn]);
  });

  it("records an empty error when none is sent", () => {
    const { service, arn, callbackId } = suspended();
    service.sendCallbackFailure({ CallbackId: callbackId });
    expect(service.getOperations(arn)[1]?.CallbackDetails?.Error).toEqual({});
  });

  it("rejects a malformed error and one over the error size limit", () => {
    const { service, callbackId } = suspended();
    expect(() =>
      service.sendCallbackFailure({ CallbackId: callbackId, Error: { ErrorType: 7 as never } }),
    ).toThrow("Error ErrorType must be a string, got 7.");
    expect(() =>
      service.sendCallbackFailure({
        CallbackId: callbackId,
        Error: { ErrorMessage: "m".repeat(60) },
      }),
    ).toThrow("Error size must be less than or equal to 64 bytes, got 79.");
  });
});

describe("sendCallbackHeartbeat", () => {
  it("records no event and asks for no invocation", () => {
    const { service, arn, callbackId } = suspended({ HeartbeatTimeoutSeconds: 10 });
    const events = historyOf(service, arn).length;
    expect(service.sendCallbackHeartbeat({ CallbackId: callbackId })).toEqual({});
    expect(historyOf(service, arn)).toHaveLength(events);
    expect(service.runnableExecutions()).toEqual([]);
    expect(service.getOperations(arn)[1]?.Status).toBe("STARTED");
  });

  it("is accepted, and changes nothing, for a callback without a heartbeat timeout", () => {
    const { service, callbackId } = suspended({ TimeoutSeconds: 30 });
    service.sendCallbackHeartbeat({ CallbackId: callbackId });
    expect(service.nextTimerAt()).toEqual(at(30));
  });
});

describe("callback API errors", () => {
  it("rejects an unknown callback id with ResourceNotFoundException naming it", () => {
    const { service } = suspended();
    const error = catchServiceError(
      () => service.sendCallbackSuccess({ CallbackId: "no-such-callback" }),
      "ResourceNotFoundException",
    );
    expect(error.statusCode).toBe(404);
    expect(error.message).toBe(
      "Callback not found: no-such-callback. Use the CallbackDetails.CallbackId of a started CALLBACK operation.",
    );
  });

  it("rejects a missing callback id", () => {
    const { service } = suspended();
    expect(() => service.sendCallbackHeartbeat({ CallbackId: undefined })).toThrow(
      "CallbackId must be the CallbackDetails.CallbackId of a CALLBACK operation, got undefined.",
    );
  });

  it.each([
    ["success", "send success for"],
    ["failure", "send failure for"],
    ["heartbeat", "send a heartbeat for"],
  ] as const)("answers %s for a timed-out callback with CallbackTimeoutException", (kind, verb) => {
    const { service, advance, callbackId } = suspended({ TimeoutSeconds: 5 });
    advance(4);
    const send = {
      success: () => service.sendCallbackSuccess({ CallbackId: callbackId, Result: '"late"' }),
      failure: () => service.sendCallbackFailure({ CallbackId: callbackId }),
      heartbeat: () => service.sendCallbackHeartbeat({ CallbackId: callbackId }),
    }[kind];
    const error = catchServiceError(send, "CallbackTimeoutException");
    expect(error.statusCode).toBe(400);
    expect(error.message).toBe(
      `Cannot ${verb} callback ${callbackId}: it timed out at 2025-01-01T00:00:05.000Z (Callback.Timeout) and can no longer be completed.`,
    );
  });

  it("rejects a second completion: the first answer stands", () => {
    const { service, arn, callbackId } = suspended();
    service.sendCallbackSuccess({ CallbackId: callbackId, Result: '"first"' });
    const error = catchServiceError(
      () => service.sendCallbackFailure({ CallbackId: callbackId }),
      "InvalidParameterValueException",
    );
    expect(error.message).toBe(
      `Cannot send failure for callback ${callbackId}: it has already completed with status SUCCEEDED; a callback completes only once.`,
    );
    expect(service.getOperations(arn)[1]?.CallbackDetails?.Result).toBe('"first"');
  });

  it("rejects an answer to a cancelled callback", () => {
    const { service, start } = setup();
    const arn = start();
    const invocation = new Invocation(service, arn);
    const callbackId = callbackIdIn(invocation.checkpoint(callback.start("cb")), "cb");
    invocation.checkpoint(callback.cancel("cb"));
    expect(() => service.sendCallbackSuccess({ CallbackId: callbackId })).toThrow(
      `Cannot send success for callback ${callbackId}: its execution cancelled it, so it no longer takes answers.`,
    );
  });

  it("rejects an answer to a callback whose execution has ended", () => {
    const { service, arn, callbackId } = suspended();
    service.stopExecution({ DurableExecutionArn: arn });
    const error = catchServiceError(
      () => service.sendCallbackSuccess({ CallbackId: callbackId }),
      "InvalidParameterValueException",
    );
    expect(error.message).toBe(
      `Cannot send success for callback ${callbackId}: its durable execution ${arn} has ended with status STOPPED.`,
    );
  });

  it("does not find a callback of an execution past its retention", () => {
    const { service, arn, clock, callbackId } = suspended();
    service.stopExecution({ DurableExecutionArn: arn });
    clock.advanceTo(new Date(clock.now().getTime() + 14 * 86_400_000));
    expect(() => service.sendCallbackHeartbeat({ CallbackId: callbackId })).toThrow(
      `Callback not found: ${callbackId}.`,
    );
  });
});

describe("findCallbacks", () => {
  it("lists every callback of the execution in start order, whatever its status", () => {
    const { service, start, clock } = setup();
    const arn = start();
    const invocation = new Invocation(service, arn);
    const first = invocation.checkpoint(callback.start("a", { Name: "approval" }));
    clock.advanceTo(at(2));
    const second = invocation.checkpoint(
      context.start("w", { SubType: "WaitForCallback", Name: "payment" }),
      callback.start("w-1", { ParentId: "w" }),
    );
    service.sendCallbackSuccess({ CallbackId: callbackIdIn(first, "a") });
    expect(service.findCallbacks(arn)).toEqual([
      {
        operationId: "a",
        name: "approval",
        callbackId: callbackIdIn(first, "a"),
        status: "SUCCEEDED",
        startedAt: T0,
      },
      {
        operationId: "w-1",
        parentId: "w",
        callbackId: callbackIdIn(second, "w-1"),
        status: "STARTED",
        startedAt: at(2),
      },
    ]);
  });

  it("rejects an unknown execution", () => {
    const { service } = setup();
    expect(() => service.findCallbacks("arn:nope")).toThrow(
      "Durable execution not found: arn:nope.",
    );
  });
});
