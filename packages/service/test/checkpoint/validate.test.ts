import type { OperationUpdate } from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import { catchServiceError, Invocation, setup, step, wait } from "../helpers/service.js";

/** A fresh execution with one invocation in flight. */
function started(limits = {}) {
  const { service, start, advance } = setup({ limits });
  const arn = start();
  return { service, arn, advance, invocation: new Invocation(service, arn) };
}

/** The message of the InvalidParameterValueException a checkpoint with these updates gets. */
function rejection(invocation: Invocation, ...updates: unknown[]): string {
  return catchServiceError(
    () => invocation.checkpoint(...(updates as OperationUpdate[])),
    "InvalidParameterValueException",
  ).message;
}

describe("checkpoint validation", () => {
  describe("request", () => {
    it("rejects Updates that are not a list", () => {
      const { service, arn, invocation } = started();
      const error = catchServiceError(
        () =>
          service.checkpoint({
            DurableExecutionArn: arn,
            CheckpointToken: invocation.token,
            Updates: { Id: "1" } as never,
          }),
        "InvalidParameterValueException",
      );
      expect(error.message).toBe("Updates must be a list of OperationUpdate, got an object.");
    });

    it("rejects more updates than one checkpoint may carry", () => {
      const { invocation } = started({ maxUpdatesPerCheckpoint: 2 });
      expect(rejection(invocation, step.start("a"), step.start("b"), step.start("c"))).toBe(
        "Too many updates in one checkpoint: 3; at most 2 are allowed. Split them over several checkpoints.",
      );
    });

    it("rejects a request larger than the checkpoint size limit", () => {
      const { invocation } = started({ maxCheckpointBytes: 100 });
      expect(
        rejection(invocation, step.start("a"), step.succeed("a", JSON.stringify("x".repeat(100)))),
      ).toMatch(
        /^Checkpoint request too large: its Updates are about \d+ bytes; at most 100 are allowed\. Split them over several checkpoints\.$/,
      );
    });

    it("accepts a single update larger than the checkpoint size limit, as the official SDK sends one", () => {
      const { invocation } = started({ maxCheckpointBytes: 100 });
      expect(() =>
        invocation.checkpoint(step.succeed("a", JSON.stringify("x".repeat(100)))),
      ).not.toThrow();
    });

    it("accepts an execution result over the per-operation payload limit, up to 6 MB", () => {
      const { service, arn, invocation } = started();
      // 6,291,456 bytes: the largest result, which does not fit in a response with its envelope.
      const result = JSON.stringify("x".repeat(6 * 1024 * 1024 - 2));
      invocation.checkpoint({ Id: "x", Type: "EXECUTION", Action: "SUCCEED", Payload: result });
      invocation.succeeds("");
      expect(service.getExecution({ DurableExecutionArn: arn }).Result).toBe(result);
    });

    it("rejects an execution result over 6 MB", () => {
      const { invocation } = started();
      const result = JSON.stringify("é".repeat(3 * 1024 * 1024));
      expect(
        rejection(invocation, { Id: "x", Type: "EXECUTION", Action: "SUCCEED", Payload: result }),
      ).toBe(
        'Update 0 (Id "x", Type EXECUTION, Action SUCCEED): EXECUTION result payload size must be less than or equal to 6291456 bytes, got 6291458.',
      );
    });

    it("rejects an update that is not an object", () => {
      const { invocation } = started();
      expect(rejection(invocation, "START")).toBe(
        'Update 0: an update must be an OperationUpdate object, got "START".',
      );
    });
  });

  describe("fields", () => {
    it.each([["has space"], [""], ["x".repeat(65)], ["ünïcode"]])("rejects the Id %j", (id) => {
      const { invocation } = started();
      expect(rejection(invocation, step.start(id))).toMatch(
        /^Update 0 \(Id .*, Type STEP, Action START\): Id must match \[a-zA-Z0-9-_\]\{1,64\}, got /,
      );
    });

    it("accepts an Id of 64 letters, digits, dashes and underscores", () => {
      const { invocation } = started();
      const id = `${"a".repeat(30)}-_${"9".repeat(32)}`;
      expect(invocation.checkpoint(step.start(id)).NewExecutionState?.Operations?.[0]?.Id).toBe(id);
    });

    it("rejects an unknown Type and lists the types", () => {
      const { invocation } = started();
      expect(rejection(invocation, { Id: "a", Type: "TIMER", Action: "START" })).toBe(
        'Update 0 (Id "a", Type TIMER, Action START): Type must be one of EXECUTION, CONTEXT, STEP, WAIT, CALLBACK, CHAINED_INVOKE, got "TIMER".',
      );
    });

    it.each([
      [{ Id: "a", Type: "CONTEXT", SubType: "RunInChildContext", Action: "START" }],
      [{ Id: "a", Type: "CALLBACK", SubType: "Callback", Action: "START" }],
      [
        {
          Id: "a",
          Type: "CHAINED_INVOKE",
          SubType: "ChainedInvoke",
          Action: "START",
          ChainedInvokeOptions: { FunctionName: "test-function" },
        },
      ],
    ])("accepts START of every operation type the function may start: %j", (update) => {
      const { invocation } = started();
      const [operation] = invocation.checkpoint(update as OperationUpdate).NewExecutionState!
        .Operations!;
      expect(operation).toMatchObject({ Id: "a", Type: update.Type, Status: "STARTED" });
    });

    it("rejects an unknown Action and lists the actions", () => {
      const { invocation } = started();
      expect(rejection(invocation, { Id: "a", Type: "STEP", Action: "RESTART" })).toBe(
        'Update 0 (Id "a", Type STEP, Action RESTART): Action must be one of START, SUCCEED, FAIL, RETRY, CANCEL, got "RESTART".',
      );
    });

    it.each([
      ["STEP", "CANCEL", "START, SUCCEED, FAIL, RETRY"],
      ["WAIT", "SUCCEED", "START, CANCEL"],
      ["WAIT", "RETRY", "START, CANCEL"],
      ["EXECUTION", "START", "SUCCEED, FAIL"],
    ])("rejects %s %s and lists the valid actions", (type, action, valid) => {
      const { invocation } = started();
      expect(rejection(invocation, { Id: "a", Type: type, Action: action })).toBe(
        `Update 0 (Id "a", Type ${type}, Action ${action}): Action ${action} is not valid for ${type}; valid actions are ${valid}.`,
      );
    });

    it.each([[""], ["x".repeat(257)], ["tab\there"], ["café"]])("rejects the Name %j", (name) => {
      const { invocation } = started();
      expect(rejection(invocation, step.start("a", { Name: name }))).toMatch(
        /^Update 0 \(Id "a", Type STEP, Action START\): Name must be 1 to 256 printable ASCII characters, got /,
      );
    });

    it("accepts a Name of 256 printable ASCII characters", () => {
      const { invocation } = started();
      const name = " ~".repeat(128);
      expect(
        invocation.checkpoint(step.start("a", { Name: name })).NewExecutionState?.Operations?.[0]
          ?.Name,
      ).toBe(name);
    });

    it("rejects a SubType that is not a string", () => {
      const { invocation } = started();
      expect(rejection(invocation, step.start("a", { SubType: 7 as never }))).toBe(
        'Update 0 (Id "a", Type STEP, Action START): SubType must be a string, got 7.',
      );
    });

    it("rejects a ParentId that is not a valid Id", () => {
      const { invocation } = started();
      expect(rejection(invocation, step.start("a", { ParentId: "no/slash" }))).toBe(
        'Update 0 (Id "a", Type STEP, Action START): ParentId must match [a-zA-Z0-9-_]{1,64}, got "no/slash".',
      );
    });

    it("rejects a ParentId that names no operation", () => {
      const { invocation } = started();
      expect(rejection(invocation, step.start("a", { ParentId: "ctx" }))).toBe(
        'Update 0 (Id "a", Type STEP, Action START): ParentId "ctx" must name an existing CONTEXT operation or a CONTEXT started earlier in this request.',
      );
    });

    it("rejects a ParentId that names an operation other than a CONTEXT", () => {
      const { invocation } = started();
      invocation.checkpoint(step.start("parent"));
      expect(rejection(invocation, step.start("child", { ParentId: "parent" }))).toBe(
        'Update 0 (Id "child", Type STEP, Action START): ParentId "parent" must name an existing CONTEXT operation or a CONTEXT started earlier in this request.',
      );
    });

    it("rejects SUCCEED with an Error", () => {
      const { invocation } = started();
      expect(
        rejection(
          invocation,
          step.start("a"),
          step.succeed("a", '"ok"', { Error: { ErrorMessage: "x" } }),
        ),
      ).toBe(
        'Update 1 (Id "a", Type STEP, Action SUCCEED): SUCCEED must not carry an Error; send FAIL to record an error.',
      );
    });

    it("rejects FAIL with a Payload", () => {
      const { invocation } = started();
      expect(rejection(invocation, { ...step.fail("a"), Payload: '"x"' })).toBe(
        'Update 0 (Id "a", Type STEP, Action FAIL): FAIL must not carry a Payload; send SUCCEED to record a result.',
      );
    });

    it("rejects RETRY with both an Error and a Payload", () => {
      const { invocation } = started();
      expect(rejection(invocation, { ...step.retry("a", 1), Payload: '"state"' })).toBe(
        'Update 0 (Id "a", Type STEP, Action RETRY): RETRY may carry an Error or a Payload, not both.',
      );
    });

    it("rejects a payload over the size limit, in the service's words", () => {
      const { invocation } = started();
      const payload = JSON.stringify("x".repeat(262_143));
      expect(rejection(invocation, step.start("a"), step.succeed("a", payload))).toBe(
        'Update 1 (Id "a", Type STEP, Action SUCCEED): STEP output payload size must be less than or equal to 262144 bytes, got 262145.',
      );
    });

    it("accepts a payload of exactly the size limit, counted in UTF-8 bytes", () => {
      const { invocation } = started({ maxOperationPayloadBytes: 8 });
      expect(() => invocation.checkpoint(step.succeed("a", '"éé£"'))).not.toThrow();
      expect(rejection(invocation, step.succeed("b", '"éééé"'))).toBe(
        'Update 0 (Id "b", Type STEP, Action SUCCEED): STEP output payload size must be less than or equal to 8 bytes, got 10.',
      );
    });

    it("rejects a Payload that is not a string", () => {
      const { invocation } = started();
      expect(rejection(invocation, { ...step.succeed("a"), Payload: { ok: true } })).toBe(
        'Update 0 (Id "a", Type STEP, Action SUCCEED): Payload must be a string, got an object.',
      );
    });

    it("rejects an error over the size limit", () => {
      const { invocation } = started({ maxErrorBytes: 64 });
      expect(
        rejection(invocation, step.fail("a", { ErrorType: "Error", ErrorMessage: "m".repeat(60) })),
      ).toBe(
        'Update 0 (Id "a", Type STEP, Action FAIL): STEP error size must be less than or equal to 64 bytes, got 99.',
      );
    });

    it("rejects an Error that is not an ErrorObject", () => {
      const { invocation } = started();
      expect(rejection(invocation, step.fail("a", { ErrorMessage: 42 } as never))).toBe(
        'Update 0 (Id "a", Type STEP, Action FAIL): Error ErrorMessage must be a string, got 42.',
      );
      expect(rejection(invocation, step.fail("a", "boom" as never))).toBe(
        'Update 0 (Id "a", Type STEP, Action FAIL): Error must be an object {ErrorMessage?, ErrorType?, ErrorData?, StackTrace?}, got "boom".',
      );
    });
  });

  describe("batching", () => {
    it("rejects an Id that appears twice", () => {
      const { invocation } = started();
      expect(rejection(invocation, step.start("a"), step.start("a"))).toBe(
        'Update 1 (Id "a", Type STEP, Action START): Id "a" already appears in update 0 of this request; an Id may appear once per request, except START followed by one SUCCEED, FAIL or RETRY for a STEP or CONTEXT.',
      );
    });

    it("accepts START followed by SUCCEED, FAIL or RETRY of one STEP", () => {
      const { invocation } = started();
      invocation.checkpoint(step.start("a"), step.succeed("a", '"1"'));
      invocation.checkpoint(step.start("b"), step.fail("b"));
      const response = invocation.checkpoint(step.start("c"), step.retry("c", 5));
      expect(response.NewExecutionState?.Operations?.map((op) => op.Status)).toEqual(["PENDING"]);
    });

    it("rejects a third update of the same Id", () => {
      const { invocation } = started();
      expect(rejection(invocation, step.start("a"), step.retry("a", 1), step.start("a"))).toMatch(
        /^Update 2 \(Id "a", Type STEP, Action START\): Id "a" already appears in update 0/,
      );
    });

    it("rejects START followed by CANCEL of one WAIT", () => {
      const { invocation } = started();
      expect(rejection(invocation, wait.start("w", 5), wait.cancel("w"))).toMatch(
        /^Update 1 \(Id "w", Type WAIT, Action CANCEL\): Id "w" already appears in update 0/,
      );
    });

    it("rejects a second EXECUTION update", () => {
      const { invocation } = started();
      const succeed = { Id: "exec", Type: "EXECUTION", Action: "SUCCEED", Payload: '"r"' };
      expect(rejection(invocation, succeed, succeed)).toBe(
        'Update 0 (Id "exec", Type EXECUTION, Action SUCCEED): a checkpoint may carry at most one EXECUTION update; this one has 2 (updates 0, 1).',
      );
    });

    it("rejects an EXECUTION update that is not last", () => {
      const { invocation } = started();
      expect(
        rejection(
          invocation,
          { Id: "exec", Type: "EXECUTION", Action: "SUCCEED" },
          step.start("a"),
        ),
      ).toBe(
        'Update 0 (Id "exec", Type EXECUTION, Action SUCCEED): the EXECUTION update must be the last update of the request; 1 more follow it.',
      );
    });

    it("maps an EXECUTION update with any Id onto the real EXECUTION operation", () => {
      const { service, arn, invocation } = started();
      const response = invocation.checkpoint(step.start("a"), step.succeed("a"), {
        Id: "c4ca4238a0b92382",
        Type: "EXECUTION",
        Action: "SUCCEED",
        Payload: '"big result"',
      });
      const executionId = service.getOperations(arn)[0]!.Id;
      expect(response.NewExecutionState?.Operations?.map((op) => [op.Id, op.Status])).toEqual([
        [executionId, "SUCCEEDED"],
        ["a", "SUCCEEDED"],
      ]);
      expect(service.getOperations(arn).map((op) => op.Id)).not.toContain("c4ca4238a0b92382");
    });

    it("applies nothing when any update is invalid, and keeps the token valid", () => {
      const { service, arn, invocation } = started();
      rejection(invocation, step.start("a"), wait.start("w", 0));
      expect(service.getOperations(arn)).toHaveLength(1);
      expect(service.getExecutionHistory({ DurableExecutionArn: arn }).Events).toHaveLength(1);
      expect(invocation.checkpoint(step.start("a")).NewExecutionState?.Operations).toHaveLength(1);
    });
  });

  describe("operation state", () => {
    it("rejects an update whose Type differs from the operation's", () => {
      const { invocation } = started();
      invocation.checkpoint(wait.start("a", 10));
      expect(rejection(invocation, step.start("a"))).toBe(
        'Update 0 (Id "a", Type STEP, Action START): operation "a" already exists with Type WAIT; an update must use the Type of its operation.',
      );
    });

    it.each([
      ["STARTED", [step.start("a")]],
      ["SUCCEEDED", [step.start("a"), step.succeed("a")]],
      ["PENDING", [step.start("a"), step.retry("a", 5)]],
    ])("rejects STEP START on a %s step", (status, setupUpdates) => {
      const { invocation } = started();
      invocation.checkpoint(...setupUpdates);
      expect(rejection(invocation, step.start("a"))).toBe(
        `Update 0 (Id "a", Type STEP, Action START): START is allowed only for a new STEP or one in status READY; operation "a" is ${status}.`,
      );
    });

    it("accepts STEP START on a READY step", () => {
      const { service, arn, invocation, advance } = started();
      invocation.checkpoint(step.start("a"), step.retry("a", 5));
      invocation.pending();
      advance(5);
      const next = new Invocation(service, arn);
      expect(next.checkpoint(step.start("a")).NewExecutionState?.Operations?.[0]?.Status).toBe(
        "STARTED",
      );
    });

    it.each([
      ["SUCCEED", "SUCCEEDED", [step.start("a"), step.succeed("a")]],
      ["FAIL", "FAILED", [step.start("a"), step.fail("a")]],
      ["RETRY", "PENDING", [step.start("a"), step.retry("a", 5)]],
    ])("rejects %s on a %s step", (action, status, setupUpdates) => {
      const { invocation } = started();
      invocation.checkpoint(...setupUpdates);
      const update =
        action === "SUCCEED"
          ? step.succeed("a")
          : action === "FAIL"
            ? step.fail("a")
            : step.retry("a", 1);
      expect(rejection(invocation, update)).toBe(
        `Update 0 (Id "a", Type STEP, Action ${action}): ${action} is allowed only for a STEP in status STARTED or READY; operation "a" is ${status}.`,
      );
    });

    it("accepts SUCCEED on a brand-new step, as the official testing emulator does", () => {
      const { invocation } = started();
      expect(
        invocation.checkpoint(step.succeed("a", '"1"')).NewExecutionState?.Operations?.[0],
      ).toMatchObject({
        Status: "SUCCEEDED",
        StepDetails: { Attempt: 1, Result: '"1"' },
      });
    });

    it.each([
      [undefined, "undefined"],
      [0, "0"],
      [1.5, "1.5"],
      [31_622_401, "31622401"],
    ])("rejects RETRY with NextAttemptDelaySeconds %o", (delay, shown) => {
      const { invocation } = started();
      const update = {
        ...step.retry("a", 1),
        StepOptions: delay === undefined ? undefined : { NextAttemptDelaySeconds: delay },
      };
      expect(rejection(invocation, step.start("a"), update)).toBe(
        `Update 1 (Id "a", Type STEP, Action RETRY): RETRY requires StepOptions.NextAttemptDelaySeconds, an integer from 1 to 31622400, got ${shown}.`,
      );
    });

    it.each([
      [undefined, "undefined"],
      [0, "0"],
      [2.5, "2.5"],
      [31_622_401, "31622401"],
    ])("rejects WAIT START with WaitSeconds %o", (seconds, shown) => {
      const { invocation } = started();
      const update = {
        ...wait.start("w", 1),
        WaitOptions: seconds === undefined ? undefined : { WaitSeconds: seconds },
      };
      expect(rejection(invocation, update)).toBe(
        `Update 0 (Id "w", Type WAIT, Action START): START requires WaitOptions.WaitSeconds, an integer from 1 to 31622400, got ${shown}.`,
      );
    });

    it("rejects a second START of a WAIT", () => {
      const { invocation } = started();
      invocation.checkpoint(wait.start("w", 10));
      expect(rejection(invocation, wait.start("w", 10))).toBe(
        'Update 0 (Id "w", Type WAIT, Action START): a WAIT can be started only once; operation "w" already exists in status STARTED.',
      );
    });

    it("rejects CANCEL of a WAIT that does not exist", () => {
      const { invocation } = started();
      expect(rejection(invocation, wait.cancel("w"))).toBe(
        'Update 0 (Id "w", Type WAIT, Action CANCEL): CANCEL needs an existing WAIT; operation "w" does not exist.',
      );
    });

    it("rejects CANCEL of a WAIT that has ended", () => {
      const { service, arn, invocation, advance } = started();
      invocation.checkpoint(wait.start("w", 10));
      invocation.pending();
      advance(10);
      expect(rejection(new Invocation(service, arn), wait.cancel("w"))).toBe(
        'Update 0 (Id "w", Type WAIT, Action CANCEL): CANCEL is allowed only for a WAIT in status STARTED; operation "w" is SUCCEEDED.',
      );
    });
  });
});
