import type { OperationUpdate } from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import {
  catchServiceError,
  eventTypes,
  historyOf,
  Invocation,
  invoke,
  setup,
  T0,
  wait,
} from "../helpers/service.js";

const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const ACCOUNT_ARN = "arn:aws:lambda:us-east-1:123456789012:function";

/** A caller with an invocation in flight, a durable target "child" and a plain target "mailer". */
function started(limits = {}) {
  const fixture = setup({ limits });
  fixture.service.registerFunction("child", { executionTimeoutSeconds: 600 });
  fixture.service.registerFunction("mailer", { durable: false });
  const arn = fixture.start();
  return { ...fixture, arn, invocation: new Invocation(fixture.service, arn) };
}

function rejection(invocation: Invocation, ...updates: OperationUpdate[]): string {
  return catchServiceError(
    () => invocation.checkpoint(...updates),
    "InvalidParameterValueException",
  ).message;
}

/** The caller suspended on chained invoke "i" of the durable target "child", and the child's ARN. */
function waitingOnChild(payload = '{"order":7}') {
  const fixture = started();
  fixture.invocation.checkpoint(invoke.start("i", "child", payload, { Name: "charge" }));
  fixture.invocation.pending();
  const work = fixture.service.pendingWork(fixture.arn);
  const childArn = work.find((item) => item.kind === "invoke")?.childExecutionArn;
  if (childArn === undefined) throw new Error("no child execution");
  return { ...fixture, childArn };
}

describe("CHAINED_INVOKE validation", () => {
  it.each([
    [undefined, "undefined"],
    ["has space", '"has space"'],
    [
      "arn:aws:lambda:us-east-1:123:function:child",
      '"arn:aws:lambda:us-east-1:123:function:child"',
    ],
  ])("rejects START with FunctionName %j", (functionName, shown) => {
    const { invocation } = started();
    const update = invoke.start("i", "child");
    update.ChainedInvokeOptions =
      functionName === undefined ? ({} as never) : { FunctionName: functionName };
    expect(rejection(invocation, update)).toBe(
      `Update 0 (Id "i", Type CHAINED_INVOKE, Action START): START requires ChainedInvokeOptions.FunctionName, a function name, name:qualifier or function ARN, got ${shown}.`,
    );
  });

  it("rejects START without ChainedInvokeOptions", () => {
    const { invocation } = started();
    expect(
      rejection(invocation, { ...invoke.start("i", "child"), ChainedInvokeOptions: undefined }),
    ).toBe(
      'Update 0 (Id "i", Type CHAINED_INVOKE, Action START): START requires ChainedInvokeOptions.FunctionName, a function name, name:qualifier or function ARN, got undefined.',
    );
  });

  it("rejects a TenantId that is not a non-empty string", () => {
    const { invocation } = started();
    const update = invoke.start("i", "child");
    update.ChainedInvokeOptions = { FunctionName: "child", TenantId: 7 as never };
    expect(rejection(invocation, update)).toBe(
      'Update 0 (Id "i", Type CHAINED_INVOKE, Action START): ChainedInvokeOptions.TenantId must be a non-empty string, got 7.',
    );
  });

  it("rejects a second START of a CHAINED_INVOKE", () => {
    const { invocation } = started();
    invocation.checkpoint(invoke.start("i", "child"));
    expect(rejection(invocation, invoke.start("i", "child"))).toBe(
      'Update 0 (Id "i", Type CHAINED_INVOKE, Action START): a CHAINED_INVOKE can be started only once; operation "i" already exists in status STARTED.',
    );
  });

  it("rejects CANCEL of a CHAINED_INVOKE that does not exist or has ended", () => {
    const { invocation } = started();
    expect(rejection(invocation, invoke.cancel("i"))).toBe(
      'Update 0 (Id "i", Type CHAINED_INVOKE, Action CANCEL): CANCEL needs an existing CHAINED_INVOKE; operation "i" does not exist.',
    );
    invocation.checkpoint(invoke.start("i", "missing"));
    expect(rejection(invocation, invoke.cancel("i"))).toBe(
      'Update 0 (Id "i", Type CHAINED_INVOKE, Action CANCEL): CANCEL is allowed only for a CHAINED_INVOKE in status STARTED; operation "i" is FAILED.',
    );
  });

  it("rejects SUCCEED, which only the target's end does", () => {
    const { invocation } = started();
    expect(rejection(invocation, { ...invoke.start("i", "child"), Action: "SUCCEED" })).toBe(
      'Update 0 (Id "i", Type CHAINED_INVOKE, Action SUCCEED): Action SUCCEED is not valid for CHAINED_INVOKE; valid actions are START, CANCEL.',
    );
  });

  it("rejects an input over the per-operation payload limit", () => {
    const { invocation } = started({ maxOperationPayloadBytes: 8 });
    expect(rejection(invocation, invoke.start("i", "child", '"123456789"'))).toBe(
      'Update 0 (Id "i", Type CHAINED_INVOKE, Action START): CHAINED_INVOKE input payload size must be less than or equal to 8 bytes, got 11.',
    );
  });
});

describe("CHAINED_INVOKE targets", () => {
  it.each([
    ["child"],
    ["child:live"],
    [`${ACCOUNT_ARN}:child`],
    [`${ACCOUNT_ARN}:child:$LATEST`],
    [`${ACCOUNT_ARN}:child:3`],
  ])("resolves %s to the registered function, ignoring the qualifier", (functionName) => {
    const { service, arn, invocation } = started();
    invocation.checkpoint(invoke.start("i", functionName));
    expect(service.pendingWork(arn)).toContainEqual({
      kind: "invoke",
      operationId: "i",
      functionName: "child",
      childExecutionArn: expect.stringContaining(`${ACCOUNT_ARN}:child:$LATEST/durable-execution/`),
    });
  });

  it("fails the operation at once for an unknown function, and asks for an invocation", () => {
    const { service, arn, invocation } = started();
    const target = "arn:aws:lambda:eu-west-1:123456789012:function:child";
    const [op] = invocation.checkpoint(invoke.start("i", target, '"x"')).NewExecutionState!
      .Operations!;
    expect(op).toMatchObject({
      Status: "FAILED",
      EndTimestamp: T0,
      ChainedInvokeDetails: {
        Error: {
          ErrorType: "ResourceNotFoundException",
          ErrorMessage: `Function not found: ${target}. Register it with registerFunction before invoking it.`,
        },
      },
    });
    invocation.pending();
    expect(service.runnableExecutions()).toEqual([arn]);
    expect(eventTypes(historyOf(service, arn)).slice(1)).toEqual([
      "2 ChainedInvokeStarted",
      "3 ChainedInvokeFailed",
      "4 InvocationCompleted",
    ]);
    expect(historyOf(service, arn)[1]?.ChainedInvokeStartedDetails).toEqual({
      FunctionName: target,
      Input: { Payload: '"x"', Truncated: false },
    });
  });

  it("fails the operation at once for an input that is not JSON", () => {
    const { invocation } = started();
    const [op] = invocation.checkpoint(invoke.start("i", "child", "{oops")).NewExecutionState!
      .Operations!;
    expect(op?.Status).toBe("FAILED");
    expect(op?.ChainedInvokeDetails?.Error?.ErrorType).toBe("InvalidRequestContentException");
    expect(op?.ChainedInvokeDetails?.Error?.ErrorMessage).toMatch(
      /^Could not parse the chained invoke's payload into JSON: /,
    );
  });

  it("counts a STARTED chained invoke as pending when the caller returns PENDING", () => {
    const { service, arn } = waitingOnChild();
    expect(service.getExecution({ DurableExecutionArn: arn }).Status).toBe("RUNNING");
  });
});

describe("CHAINED_INVOKE of a durable function", () => {
  it("starts the target's execution with the payload as its input, under a derived name", () => {
    const { service, arn, childArn } = waitingOnChild();
    expect(service.getExecution({ DurableExecutionArn: childArn })).toMatchObject({
      DurableExecutionName: expect.stringMatching(/^invoke-[0-9a-f]{40}$/),
      FunctionArn: `${ACCOUNT_ARN}:child`,
      InputPayload: '{"order":7}',
      Status: "RUNNING",
      DurableConfig: { ExecutionTimeout: 600 },
    });
    expect(service.runnableExecutions()).toEqual([childArn]);
    expect(historyOf(service, arn)[1]?.ChainedInvokeStartedDetails).toEqual({
      FunctionName: "child",
      Input: { Payload: '{"order":7}', Truncated: false },
      ExecutedVersion: "$LATEST",
      DurableExecutionArn: childArn,
    });
  });

  it("runs end to end: the caller resumes with the child's result", () => {
    const { service, arn, childArn, advance } = waitingOnChild();
    const child = new Invocation(service, childArn);
    expect(child.request.event.InitialExecutionState.Operations[0]?.ExecutionDetails).toEqual({
      InputPayload: '{"order":7}',
    });
    child.checkpoint(wait.start("w", 30));
    child.pending();
    advance(30);
    expect(service.runnableExecutions()).toEqual([childArn]);
    new Invocation(service, childArn).succeeds('{"charged":true}');

    expect(service.getOperations(arn)[1]).toMatchObject({
      Status: "SUCCEEDED",
      EndTimestamp: at(30),
      ChainedInvokeDetails: { Result: '{"charged":true}' },
    });
    expect(service.runnableExecutions()).toEqual([arn]);
    const caller = new Invocation(service, arn);
    expect(caller.request.event.InitialExecutionState.Operations[1]?.Status).toBe("SUCCEEDED");
    caller.succeeds('{"charged":true}');
    expect(eventTypes(historyOf(service, arn))).toEqual([
      "1 ExecutionStarted",
      "2 ChainedInvokeStarted",
      "3 InvocationCompleted",
      "4 ChainedInvokeSucceeded",
      "5 InvocationCompleted",
      "6 ExecutionSucceeded",
    ]);
  });

  it("takes the result of a child that ended through an EXECUTION checkpoint", () => {
    const { service, arn, childArn } = waitingOnChild();
    const child = new Invocation(service, childArn);
    child.checkpoint({ Id: "x", Type: "EXECUTION", Action: "SUCCEED", Payload: '"big"' });
    expect(service.getOperations(arn)[1]?.ChainedInvokeDetails).toEqual({ Result: '"big"' });
    child.succeeds("");
    expect(service.getOperations(arn)[1]?.ChainedInvokeDetails).toEqual({ Result: '"big"' });
  });

  it("fails with the child's error when the child fails", () => {
    const { service, arn, childArn } = waitingOnChild();
    const error = { ErrorType: "CardDeclined", ErrorMessage: "insufficient funds" };
    new Invocation(service, childArn).returns({ Status: "FAILED", Error: error });
    expect(service.getOperations(arn)[1]).toMatchObject({
      Status: "FAILED",
      ChainedInvokeDetails: { Error: error },
    });
    expect(historyOf(service, arn).at(-1)?.ChainedInvokeFailedDetails).toEqual({
      Error: { Payload: error, Truncated: false },
    });
  });

  it("times out when the child times out", () => {
    const { service, arn, childArn, advance } = waitingOnChild();
    const child = new Invocation(service, childArn);
    child.checkpoint(wait.start("w", 3600));
    child.pending();
    advance(600);
    expect(service.getOperations(arn)[1]).toMatchObject({
      Status: "TIMED_OUT",
      EndTimestamp: at(600),
      ChainedInvokeDetails: { Error: { ErrorType: "Execution.Timeout" } },
    });
    expect(historyOf(service, arn).at(-1)?.EventType).toBe("ChainedInvokeTimedOut");
    expect(service.runnableExecutions()).toEqual([arn]);
  });

  it("stops when the child is stopped, with its error or one that says so", () => {
    const first = waitingOnChild();
    first.service.stopExecution({
      DurableExecutionArn: first.childArn,
      Error: { ErrorMessage: "operator" },
    });
    expect(first.service.getOperations(first.arn)[1]).toMatchObject({
      Status: "STOPPED",
      ChainedInvokeDetails: { Error: { ErrorMessage: "operator" } },
    });
    expect(historyOf(first.service, first.arn).at(-1)?.EventType).toBe("ChainedInvokeStopped");

    const second = waitingOnChild();
    second.service.stopExecution({ DurableExecutionArn: second.childArn });
    expect(second.service.getOperations(second.arn)[1]?.ChainedInvokeDetails).toEqual({
      Error: {
        ErrorType: "Execution.Stopped",
        ErrorMessage: `The invoked durable execution ${second.childArn} was stopped.`,
      },
    });
  });

  it("stops the child when the caller cancels the operation, and records no event", () => {
    const { service, arn, childArn } = waitingOnChild();
    const caller = new Invocation(service, arn);
    const [op] = caller.checkpoint(invoke.cancel("i")).NewExecutionState!.Operations!;
    expect(op?.Status).toBe("CANCELLED");
    expect(service.getExecution({ DurableExecutionArn: childArn })).toMatchObject({
      Status: "STOPPED",
      Error: {
        ErrorType: "ChainedInvokeCancelled",
        ErrorMessage: `Stopped because operation i of durable execution ${arn}, which invoked it, was cancelled.`,
      },
    });
    expect(eventTypes(historyOf(service, arn)).slice(3)).toEqual([]);
  });

  it("leaves the child running when the caller is stopped, and ignores its end", () => {
    const { service, arn, childArn } = waitingOnChild();
    service.stopExecution({ DurableExecutionArn: arn });
    expect(service.getExecution({ DurableExecutionArn: childArn }).Status).toBe("RUNNING");
    new Invocation(service, childArn).succeeds('"late"');
    expect(service.getOperations(arn)[1]?.Status).toBe("STARTED");
    expect(eventTypes(historyOf(service, arn)).at(-1)).toBe("4 ExecutionStopped");
  });
});
