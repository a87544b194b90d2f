import type { OperationUpdate } from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import {
  callback,
  callbackIdIn,
  catchServiceError,
  historyOf,
  Invocation,
  setup,
  T0,
} from "../helpers/service.js";

const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

/** A fresh execution with one invocation in flight. */
function started() {
  const { service, start, advance, clock } = setup();
  const arn = start();
  return { service, arn, advance, clock, invocation: new Invocation(service, arn) };
}

function rejection(invocation: Invocation, ...updates: OperationUpdate[]): string {
  return catchServiceError(
    () => invocation.checkpoint(...updates),
    "InvalidParameterValueException",
  ).message;
}

/** Starts callback "cb" with these options and suspends; returns its id. */
function suspendedOn(options: OperationUpdate["CallbackOptions"], name = "approval") {
  const fixture = started();
  const response = fixture.invocation.checkpoint(
    callback.start("cb", { Name: name, CallbackOptions: options }),
  );
  fixture.invocation.pending();
  return { ...fixture, callbackId: callbackIdIn(response, "cb") };
}

describe("CALLBACK validation", () => {
  it("rejects a second START of a CALLBACK", () => {
    const { invocation } = started();
    invocation.checkpoint(callback.start("cb"));
    expect(rejection(invocation, callback.start("cb"))).toBe(
      'Update 0 (Id "cb", Type CALLBACK, Action START): a CALLBACK can be started only once; operation "cb" already exists in status STARTED.',
    );
  });

  it("rejects CANCEL of a CALLBACK that does not exist", () => {
    const { invocation } = started();
    expect(rejection(invocation, callback.cancel("cb"))).toBe(
      'Update 0 (Id "cb", Type CALLBACK, Action CANCEL): CANCEL needs an existing CALLBACK; operation "cb" does not exist.',
    );
  });

  it("rejects CANCEL of a CALLBACK that has completed", () => {
    const { service, arn, callbackId } = suspendedOn(undefined);
    service.sendCallbackSuccess({ CallbackId: callbackId, Result: '"ok"' });
    expect(rejection(new Invocation(service, arn), callback.cancel("cb"))).toBe(
      'Update 0 (Id "cb", Type CALLBACK, Action CANCEL): CANCEL is allowed only for a CALLBACK in status STARTED; operation "cb" is SUCCEEDED.',
    );
  });

  it.each(["SUCCEED", "FAIL", "RETRY"])(
    "rejects %s, which only the callback API does",
    (action) => {
      const { invocation } = started();
      expect(rejection(invocation, { ...callback.start("cb"), Action: action as "SUCCEED" })).toBe(
        `Update 0 (Id "cb", Type CALLBACK, Action ${action}): Action ${action} is not valid for CALLBACK; valid actions are START, CANCEL.`,
      );
    },
  );

  it("rejects START followed by CANCEL of one CALLBACK in a request", () => {
    const { invocation } = started();
    expect(rejection(invocation, callback.start("cb"), callback.cancel("cb"))).toMatch(
      /^Update 1 \(Id "cb", Type CALLBACK, Action CANCEL\): Id "cb" already appears in update 0/,
    );
  });

  it.each([
    ["TimeoutSeconds", -1, "-1"],
    ["TimeoutSeconds", 1.5, "1.5"],
    ["TimeoutSeconds", 31_622_401, "31622401"],
    ["HeartbeatTimeoutSeconds", "10", '"10"'],
    ["HeartbeatTimeoutSeconds", -5, "-5"],
  ])("rejects CallbackOptions.%s %j", (field, value, shown) => {
    const { invocation } = started();
    expect(
      rejection(invocation, callback.start("cb", { CallbackOptions: { [field]: value } })),
    ).toBe(
      `Update 0 (Id "cb", Type CALLBACK, Action START): CallbackOptions.${field} must be an integer from 0 (none) to 31622400, got ${shown}.`,
    );
  });

  it("rejects CallbackOptions that are not an object", () => {
    const { invocation } = started();
    expect(rejection(invocation, callback.start("cb", { CallbackOptions: 30 as never }))).toBe(
      'Update 0 (Id "cb", Type CALLBACK, Action START): CallbackOptions must be an object {TimeoutSeconds?, HeartbeatTimeoutSeconds?}, got 30.',
    );
  });
});

describe("CALLBACK semantics", () => {
  it("starts a callback with a service-generated id, returned in the same response", () => {
    const { invocation } = started();
    const [op] = invocation.checkpoint(callback.start("cb", { Name: "approval" }))
      .NewExecutionState!.Operations!;
    expect(op).toEqual({
      Id: "cb",
      Name: "approval",
      Type: "CALLBACK",
      SubType: "Callback",
      StartTimestamp: T0,
      Status: "STARTED",
      CallbackDetails: { CallbackId: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/) },
    });
  });

  it("issues unguessable, URL-safe, distinct callback ids", () => {
    const { invocation } = started();
    const ids = new Set<string>();
    for (let batch = 0; batch < 5; batch += 1) {
      const updates = Array.from({ length: 200 }, (_, i) => callback.start(`cb-${batch}-${i}`));
      for (const op of invocation.checkpoint(...updates).NewExecutionState!.Operations!) {
        ids.add(op.CallbackDetails!.CallbackId!);
      }
    }
    expect(ids.size).toBe(1000);
    for (const id of ids) {
      expect(id).toMatch(/^[A-Za-z0-9_-]{22,}$/);
      // 32 base64url characters carry 192 random bits.
      expect(Buffer.from(id, "base64url")).toHaveLength(24);
    }
  });

  it("cancels a STARTED callback without an event, and stops its timers", () => {
    const { service, arn, invocation, clock } = started();
    invocation.checkpoint(callback.start("cb", { CallbackOptions: { TimeoutSeconds: 10 } }));
    clock.advanceTo(at(2));
    const [op] = invocation.checkpoint(callback.cancel("cb")).NewExecutionState!.Operations!;
    expect(op).toMatchObject({ Status: "CANCELLED", EndTimestamp: at(2) });
    expect(historyOf(service, arn).map((event) => event.EventType)).toEqual([
      "ExecutionStarted",
      "CallbackStarted",
    ]);
    expect(service.nextTimerAt()).toEqual(at(86_400));
  });

  it("counts a STARTED callback as pending when the invocation returns PENDING", () => {
    const { service, arn } = suspendedOn(undefined);
    expect(service.getExecution({ DurableExecutionArn: arn }).Status).toBe("RUNNING");
    expect(service.runnableExecutions()).toEqual([]);
  });
});

describe("CALLBACK timeouts", () => {
  it("times a callback out at exactly TimeoutSeconds and asks for an invocation", () => {
    const { service, arn, advance } = suspendedOn({ TimeoutSeconds: 30 });
    expect(service.nextTimerAt()).toEqual(at(30));
    advance(29);
    expect(service.getOperations(arn)[1]?.Status).toBe("STARTED");
    advance(1);
    expect(service.getOperations(arn)[1]).toMatchObject({
      Status: "TIMED_OUT",
      EndTimestamp: at(30),
      CallbackDetails: {
        Error: {
          ErrorType: "Callback.Timeout",
          ErrorMessage: "Callback timed out: no result within its TimeoutSeconds of 30 seconds.",
        },
      },
    });
    expect(service.runnableExecutions()).toEqual([arn]);
  });

  it("times a callback out when no heartbeat comes within HeartbeatTimeoutSeconds", () => {
    const { service, arn, advance } = suspendedOn({ HeartbeatTimeoutSeconds: 5 });
    advance(5);
    expect(service.getOperations(arn)[1]).toMatchObject({
      Status: "TIMED_OUT",
      EndTimestamp: at(5),
      CallbackDetails: {
        Error: {
          ErrorType: "Callback.Heartbeat",
          ErrorMessage:
            "Callback timed out: no heartbeat within its HeartbeatTimeoutSeconds of 5 seconds.",
        },
      },
    });
  });

  it("moves the heartbeat deadline with each heartbeat", () => {
    const { service, arn, advance, callbackId } = suspendedOn({ HeartbeatTimeoutSeconds: 10 });
    advance(8);
    service.sendCallbackHeartbeat({ CallbackId: callbackId });
    expect(service.nextTimerAt()).toEqual(at(18));
    advance(8);
    service.sendCallbackHeartbeat({ CallbackId: callbackId });
    advance(9);
    expect(service.getOperations(arn)[1]?.Status).toBe("STARTED");
    advance(1);
    expect(service.getOperations(arn)[1]).toMatchObject({
      Status: "TIMED_OUT",
      EndTimestamp: at(26),
    });
    expect(service.getOperations(arn)[1]?.CallbackDetails?.Error?.ErrorType).toBe(
      "Callback.Heartbeat",
    );
  });

  it("keeps the overall timeout however many heartbeats come", () => {
    const { service, arn, advance, callbackId } = suspendedOn({
      TimeoutSeconds: 12,
      HeartbeatTimeoutSeconds: 5,
    });
    for (let second = 4; second <= 12; second += 4) {
      advance(4);
      if (second < 12) service.sendCallbackHeartbeat({ CallbackId: callbackId });
    }
    expect(service.getOperations(arn)[1]).toMatchObject({
      Status: "TIMED_OUT",
      EndTimestamp: at(12),
    });
    expect(service.getOperations(arn)[1]?.CallbackDetails?.Error?.ErrorType).toBe(
      "Callback.Timeout",
    );
  });

  it("reports the overall timeout when both deadlines pass at the same instant", () => {
    const { service, arn, advance } = suspendedOn({
      TimeoutSeconds: 5,
      HeartbeatTimeoutSeconds: 5,
    });
    advance(5);
    expect(service.getOperations(arn)[1]?.CallbackDetails?.Error?.ErrorType).toBe(
      "Callback.Timeout",
    );
  });

  it("treats 0 as no timeout", () => {
    const { service, arn } = suspendedOn({ TimeoutSeconds: 0, HeartbeatTimeoutSeconds: 0 });
    expect(service.nextTimerAt()).toEqual(at(86_400));
    expect(service.pendingWork(arn)).toEqual([
      { kind: "callback", operationId: "cb", name: "approval", callbackId: expect.any(String) },
    ]);
  });

  it("returns a timeout in the checkpoint response of an invocation in flight", () => {
    const { service, arn, invocation, advance } = started();
    invocation.checkpoint(callback.start("cb", { CallbackOptions: { TimeoutSeconds: 3 } }));
    advance(3);
    expect(invocation.checkpoint().NewExecutionState?.Operations?.map((op) => op.Status)).toEqual([
      "TIMED_OUT",
    ]);
    invocation.pending();
    expect(service.runnableExecutions()).toEqual([arn]);
  });
});
