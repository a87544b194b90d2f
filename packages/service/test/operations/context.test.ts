import type { OperationUpdate } from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import type { DurableExecutionService } from "../../src/index.js";
import {
  callback,
  callbackIdIn,
  catchServiceError,
  context,
  historyOf,
  Invocation,
  setup,
  step,
  T0,
  wait,
} from "../helpers/service.js";

const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

/** A fresh execution with one invocation in flight. */
function started(limits = {}) {
  const { service, start, advance, clock } = setup({ limits });
  const arn = start();
  return { service, arn, advance, clock, invocation: new Invocation(service, arn) };
}

function rejection(invocation: Invocation, ...updates: OperationUpdate[]): string {
  return catchServiceError(
    () => invocation.checkpoint(...updates),
    "InvalidParameterValueException",
  ).message;
}

/** Ids of the operations the function sees in a new invocation and through GetDurableExecutionState. */
function visibleIds(service: DurableExecutionService, invocation: Invocation) {
  const { event } = invocation.request;
  const state = service.getExecutionState({
    DurableExecutionArn: invocation.arn,
    CheckpointToken: event.CheckpointToken,
  });
  return {
    event: event.InitialExecutionState.Operations.slice(1).map((op) => op.Id),
    state: (state.Operations ?? []).slice(1).map((op) => op.Id),
  };
}

describe("CONTEXT validation", () => {
  it("rejects a second START of a CONTEXT", () => {
    const { invocation } = started();
    invocation.checkpoint(context.start("c"));
    expect(rejection(invocation, context.start("c"))).toBe(
      'Update 0 (Id "c", Type CONTEXT, Action START): a CONTEXT can be started only once; operation "c" already exists in status STARTED.',
    );
  });

  it.each([
    ["SUCCEED", context.succeed("c", '"x"')],
    ["FAIL", context.fail("c")],
  ])("rejects %s of a CONTEXT that was never started", (action, update) => {
    const { invocation } = started();
    expect(rejection(invocation, update)).toBe(
      `Update 0 (Id "c", Type CONTEXT, Action ${action}): ${action} needs a started CONTEXT; operation "c" does not exist (send START first, in this request or an earlier one).`,
    );
  });

  it.each([
    ["SUCCEED", "SUCCEEDED", [context.start("c"), context.succeed("c")]],
    ["FAIL", "SUCCEEDED", [context.start("c"), context.succeed("c")]],
    ["SUCCEED", "FAILED", [context.start("c"), context.fail("c")]],
  ])("rejects %s of a %s CONTEXT", (action, status, setupUpdates) => {
    const { invocation } = started();
    invocation.checkpoint(...setupUpdates);
    const update = action === "SUCCEED" ? context.succeed("c") : context.fail("c");
    expect(rejection(invocation, update)).toBe(
      `Update 0 (Id "c", Type CONTEXT, Action ${action}): ${action} is allowed only for a CONTEXT in status STARTED; operation "c" is ${status}.`,
    );
  });

  it.each(["RETRY", "CANCEL"])("rejects %s and lists the valid actions", (action) => {
    const { invocation } = started();
    expect(rejection(invocation, { ...context.start("c"), Action: action as "RETRY" })).toBe(
      `Update 0 (Id "c", Type CONTEXT, Action ${action}): Action ${action} is not valid for CONTEXT; valid actions are START, SUCCEED, FAIL.`,
    );
  });

  it("accepts START followed by SUCCEED or FAIL of one CONTEXT in a request", () => {
    const { invocation } = started();
    const response = invocation.checkpoint(
      context.start("a"),
      context.succeed("a", '"1"'),
      context.start("b"),
      context.fail("b"),
    );
    expect(response.NewExecutionState?.Operations?.map((op) => [op.Id, op.Status])).toEqual([
      ["a", "SUCCEEDED"],
      ["b", "FAILED"],
    ]);
  });

  it("rejects ReplayChildren that is not a boolean, and ContextOptions that are not an object", () => {
    const { invocation } = started();
    invocation.checkpoint(context.start("c"));
    expect(
      rejection(
        invocation,
        context.succeed("c", '""', { ContextOptions: { ReplayChildren: "yes" as never } }),
      ),
    ).toBe(
      'Update 0 (Id "c", Type CONTEXT, Action SUCCEED): ContextOptions.ReplayChildren must be a boolean, got "yes".',
    );
    expect(
      rejection(invocation, context.succeed("c", '""', { ContextOptions: true as never })),
    ).toBe(
      'Update 0 (Id "c", Type CONTEXT, Action SUCCEED): ContextOptions must be an object {ReplayChildren?: boolean}, got true.',
    );
  });

  it("rejects a SUCCEED payload over the per-operation limit", () => {
    const { invocation } = started({ maxOperationPayloadBytes: 8 });
    expect(rejection(invocation, context.start("c"), context.succeed("c", '"123456789"'))).toBe(
      'Update 1 (Id "c", Type CONTEXT, Action SUCCEED): CONTEXT output payload size must be less than or equal to 8 bytes, got 11.',
    );
  });

  it("accepts children of a CONTEXT started earlier in the request, nested to any depth", () => {
    const { invocation } = started();
    const response = invocation.checkpoint(
      context.start("outer"),
      context.start("inner", { ParentId: "outer" }),
      step.start("leaf", { ParentId: "inner" }),
    );
    expect(response.NewExecutionState?.Operations?.map((op) => [op.Id, op.ParentId])).toEqual([
      ["outer", undefined],
      ["inner", "outer"],
      ["leaf", "inner"],
    ]);
  });
});

describe("CONTEXT semantics", () => {
  it("records a success with its result, ReplayChildren and end time", () => {
    const { invocation, clock } = started();
    invocation.checkpoint(context.start("c", { Name: "child" }));
    clock.advanceTo(at(3));
    const [op] = invocation.checkpoint(
      context.succeed("c", '"summary"', { ContextOptions: { ReplayChildren: true } }),
    ).NewExecutionState!.Operations!;
    expect(op).toEqual({
      Id: "c",
      Name: "child",
      Type: "CONTEXT",
      SubType: "RunInChildContext",
      StartTimestamp: T0,
      EndTimestamp: at(3),
      Status: "SUCCEEDED",
      ContextDetails: { Result: '"summary"', ReplayChildren: true },
    });
  });

  it("records a failure with its error", () => {
    const { invocation } = started();
    const [op] = invocation.checkpoint(
      context.start("c"),
      context.fail("c", { ErrorType: "ChildContextError", ErrorMessage: "inner step failed" }),
    ).NewExecutionState!.Operations!;
    expect(op).toMatchObject({
      Status: "FAILED",
      ContextDetails: {
        Error: { ErrorType: "ChildContextError", ErrorMessage: "inner step failed" },
      },
    });
  });

  it("does not count a STARTED CONTEXT as pending work", () => {
    const { service, arn, invocation } = started();
    invocation.checkpoint(context.start("c"));
    invocation.pending();
    expect(service.getExecution({ DurableExecutionArn: arn }).Error?.ErrorMessage).toBe(
      "Cannot return PENDING status with no pending operations.",
    );
  });
});

describe("pruning", () => {
  /** A context "c" holding step "c-1" and context "c-2" holding step "c-2-1"; then a wait. */
  function nested(contextEnd: OperationUpdate) {
    const fixture = started();
    const { service, arn, invocation, advance } = fixture;
    invocation.checkpoint(
      context.start("c"),
      step.start("c-1", { ParentId: "c" }),
      step.succeed("c-1", '"1"', { ParentId: "c" }),
      context.start("c-2", { ParentId: "c" }),
      step.start("c-2-1", { ParentId: "c-2" }),
      step.succeed("c-2-1", '"2"', { ParentId: "c-2" }),
    );
    invocation.checkpoint(contextEnd, wait.start("w", 5));
    invocation.pending();
    advance(5);
    return { ...fixture, next: new Invocation(service, arn) };
  }

  it("leaves every descendant of a succeeded CONTEXT out of the next invocation and the state", () => {
    const { service, next } = nested(context.succeed("c", '"done"'));
    expect(visibleIds(service, next)).toEqual({ event: ["c", "w"], state: ["c", "w"] });
  });

  it("leaves the descendants of a failed CONTEXT out too", () => {
    const { service, next } = nested(context.fail("c"));
    expect(visibleIds(service, next)).toEqual({ event: ["c", "w"], state: ["c", "w"] });
  });

  it("keeps the descendants of a CONTEXT that succeeded with ReplayChildren", () => {
    const { service, next } = nested(
      context.succeed("c", '""', { ContextOptions: { ReplayChildren: true } }),
    );
    const all = ["c", "c-1", "c-2", "c-2-1", "w"];
    expect(visibleIds(service, next)).toEqual({ event: all, state: all });
  });

  it("prunes the descendants of a finished inner CONTEXT while its parent runs", () => {
    const { service, arn, invocation, advance } = started();
    invocation.checkpoint(
      context.start("c"),
      context.start("c-1", { ParentId: "c" }),
      step.start("c-1-1", { ParentId: "c-1" }),
      step.succeed("c-1-1", '"x"', { ParentId: "c-1" }),
      context.succeed("c-1", '"x"', { ParentId: "c" }),
      wait.start("w", 5, { ParentId: "c" }),
    );
    invocation.pending();
    advance(5);
    expect(visibleIds(service, new Invocation(service, arn))).toEqual({
      event: ["c", "c-1", "w"],
      state: ["c", "c-1", "w"],
    });
  });

  it("keeps pruned operations in getOperations and in the history", () => {
    const { service, arn } = nested(context.succeed("c", '"done"'));
    expect(service.getOperations(arn).map((op) => op.Id)).toEqual([
      expect.any(String),
      "c",
      "c-1",
      "c-2",
      "c-2-1",
      "w",
    ]);
    expect(historyOf(service, arn).filter((event) => event.Id === "c-2-1")).toHaveLength(2);
  });

  it("returns the operations of the request itself even when they are pruned", () => {
    const { invocation } = started();
    const response = invocation.checkpoint(
      context.start("c"),
      step.start("c-1", { ParentId: "c" }),
      step.succeed("c-1", '"1"', { ParentId: "c" }),
      context.succeed("c", '"1"'),
    );
    expect(response.NewExecutionState?.Operations?.map((op) => op.Id)).toEqual(["c", "c-1"]);
  });

  it("leaves out of checkpoint responses a service change to a pruned operation", () => {
    const { service, invocation } = started();
    const callbackId = callbackIdIn(
      invocation.checkpoint(context.start("c"), callback.start("c-1", { ParentId: "c" })),
      "c-1",
    );
    invocation.checkpoint(context.succeed("c", '"early"'));
    service.sendCallbackSuccess({ CallbackId: callbackId, Result: '"late"' });
    expect(invocation.checkpoint().NewExecutionState?.Operations).toEqual([]);
  });

  it("prunes an operation started under a CONTEXT that has already ended", () => {
    const { service, arn, invocation, advance } = started();
    invocation.checkpoint(context.start("c"), context.succeed("c", '"1"'));
    invocation.checkpoint(step.start("late", { ParentId: "c" }), wait.start("w", 5));
    invocation.pending();
    advance(5);
    expect(visibleIds(service, new Invocation(service, arn))).toEqual({
      event: ["c", "w"],
      state: ["c", "w"],
    });
  });

  it("pages over visible operations only, with markers that skip pruned ones", () => {
    const { service, start, advance } = setup({ limits: { initialStatePageSize: 2 } });
    const arn = start();
    const first = new Invocation(service, arn);
    first.checkpoint(
      context.start("c"),
      step.start("c-1", { ParentId: "c" }),
      step.start("c-2", { ParentId: "c" }),
      context.succeed("c", '"1"'),
      wait.start("w", 5),
    );
    first.pending();
    advance(5);
    const { event } = new Invocation(service, arn).request;
    expect(event.InitialExecutionState.Operations.map((op) => op.Id)).toEqual([
      expect.any(String),
      "c",
    ]);
    const rest = service.getExecutionState({
      DurableExecutionArn: arn,
      CheckpointToken: event.CheckpointToken,
      Marker: event.InitialExecutionState.NextMarker!,
    });
    expect(rest.Operations?.map((op) => op.Id)).toEqual(["w"]);
    expect(rest.NextMarker).toBeUndefined();
  });
});
