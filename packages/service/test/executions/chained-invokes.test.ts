import { describe, expect, it } from "vitest";
import {
  type ChainedInvokeTarget,
  DurableExecutionService,
  InvalidParameterValueError,
  VirtualClock,
} from "../../src/index.js";
import {
  catchServiceError,
  eventTypes,
  historyOf,
  Invocation,
  invoke,
  setup,
  T0,
} from "../helpers/service.js";

const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

/** A caller suspended on chained invoke "i" of the plain function "mailer" (null: no payload). */
function waitingOnFunction(payload: string | null = '{"to":"ana"}') {
  const fixture = setup();
  fixture.service.registerFunction("mailer", { durable: false });
  const arn = fixture.start();
  const invocation = new Invocation(fixture.service, arn);
  invocation.checkpoint(invoke.start("i", "mailer", payload ?? undefined, { Name: "notify" }));
  invocation.pending();
  const [call] = fixture.service.pendingFunctionInvocations();
  if (call === undefined) throw new Error("no function invocation");
  return { ...fixture, arn, invocation, call };
}

describe("plain function invocations", () => {
  it("queues a call of the plain target for the driver, with the caller and its payload", () => {
    const { service, arn, call } = waitingOnFunction();
    expect(service.pendingFunctionInvocations()).toEqual([
      {
        invocationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        functionName: "mailer",
        payload: '{"to":"ana"}',
        executionArn: arn,
        operationId: "i",
      },
    ]);
    expect(service.pendingWork(arn)).toEqual([
      { kind: "invoke", operationId: "i", name: "notify", functionName: "mailer" },
      { kind: "function", invocationId: call.invocationId, functionName: "mailer" },
    ]);
    expect(historyOf(service, arn)[1]?.ChainedInvokeStartedDetails).toEqual({
      FunctionName: "mailer",
      Input: { Payload: '{"to":"ana"}', Truncated: false },
      ExecutedVersion: "$LATEST",
    });
    expect(service.runnableExecutions()).toEqual([]);
  });

  it("keeps an absent payload absent", () => {
    const { call } = waitingOnFunction(null);
    expect(call.payload).toBeUndefined();
  });

  it("no longer lists a call once the driver has begun it", () => {
    const { service, arn, call } = waitingOnFunction();
    service.beginFunctionInvocation(call.invocationId);
    expect(service.pendingFunctionInvocations()).toEqual([]);
    expect(service.pendingWork(arn)).toContainEqual({
      kind: "function",
      invocationId: call.invocationId,
      functionName: "mailer",
    });
  });

  it("succeeds the operation with the returned result and resumes the caller", () => {
    const { service, arn, call, advance } = waitingOnFunction();
    service.beginFunctionInvocation(call.invocationId);
    advance(2);
    service.endFunctionInvocation(call.invocationId, { kind: "returned", result: '{"sent":1}' });
    expect(service.getOperations(arn)[1]).toMatchObject({
      Status: "SUCCEEDED",
      EndTimestamp: at(2),
      ChainedInvokeDetails: { Result: '{"sent":1}' },
    });
    expect(service.runnableExecutions()).toEqual([arn]);
    expect(service.pendingWork(arn)).toEqual([{ kind: "invocation" }]);
    expect(eventTypes(historyOf(service, arn)).slice(1)).toEqual([
      "2 ChainedInvokeStarted",
      "3 InvocationCompleted",
      "4 ChainedInvokeSucceeded",
    ]);
  });

  it("succeeds with no Result when the function returned nothing", () => {
    const { service, arn, call } = waitingOnFunction();
    service.beginFunctionInvocation(call.invocationId);
    service.endFunctionInvocation(call.invocationId, { kind: "returned", result: undefined });
    expect(service.getOperations(arn)[1]?.ChainedInvokeDetails).toEqual({});
  });

  it("fails the operation with the error the function threw", () => {
    const { service, arn, call } = waitingOnFunction();
    const error = { ErrorType: "Error", ErrorMessage: "SMTP down" };
    service.beginFunctionInvocation(call.invocationId);
    service.endFunctionInvocation(call.invocationId, { kind: "threw", error });
    expect(service.getOperations(arn)[1]).toMatchObject({
      Status: "FAILED",
      ChainedInvokeDetails: { Error: error },
    });
    expect(historyOf(service, arn).at(-1)).toMatchObject({
      EventType: "ChainedInvokeFailed",
      Id: "i",
      Name: "notify",
      ChainedInvokeFailedDetails: { Error: { Payload: error, Truncated: false } },
    });
  });

  it("withdraws a call the driver has not begun when the caller cancels the operation", () => {
    const { service, arn, call } = waitingOnFunction();
    new Invocation(service, arn).checkpoint(invoke.cancel("i"));
    expect(service.pendingFunctionInvocations()).toEqual([]);
    expect(() => service.beginFunctionInvocation(call.invocationId)).toThrow(
      "Function invocation not found",
    );
  });

  it("discards the outcome of a call in flight when the operation was cancelled", () => {
    const { service, arn, call } = waitingOnFunction();
    service.beginFunctionInvocation(call.invocationId);
    new Invocation(service, arn).checkpoint(invoke.cancel("i"));
    service.endFunctionInvocation(call.invocationId, { kind: "returned", result: '"sent"' });
    expect(service.getOperations(arn)[1]).toMatchObject({ Status: "CANCELLED" });
    expect(service.getOperations(arn)[1]).not.toHaveProperty("ChainedInvokeDetails");
  });

  it("still hands the driver a call whose caller has ended, and discards its outcome", () => {
    const { service, arn, call } = waitingOnFunction();
    service.stopExecution({ DurableExecutionArn: arn });
    expect(service.pendingFunctionInvocations()).toHaveLength(1);
    service.beginFunctionInvocation(call.invocationId);
    service.endFunctionInvocation(call.invocationId, { kind: "returned", result: '"sent"' });
    expect(service.getOperations(arn)[1]?.Status).toBe("STARTED");
  });
});

describe("plain function invocation errors", () => {
  it("rejects an unknown invocation id", () => {
    const { service } = waitingOnFunction();
    const error = catchServiceError(
      () => service.endFunctionInvocation("nope", { kind: "returned", result: undefined }),
      "ResourceNotFoundException",
    );
    expect(error.message).toBe(
      'Function invocation not found: "nope". Use an invocationId from pendingFunctionInvocations(); an invocation is gone once ended or withdrawn.',
    );
  });

  it("rejects beginning a call twice, and ending one that has not begun", () => {
    const { service, call } = waitingOnFunction();
    expect(() =>
      service.endFunctionInvocation(call.invocationId, { kind: "returned", result: undefined }),
    ).toThrow(
      `Cannot end function invocation ${call.invocationId}: it has not begun. Call beginFunctionInvocation first.`,
    );
    service.beginFunctionInvocation(call.invocationId);
    expect(() => service.beginFunctionInvocation(call.invocationId)).toThrow(
      `Cannot begin function invocation ${call.invocationId}: it is already in flight. End it with endFunctionInvocation.`,
    );
  });

  it("rejects ending a call twice", () => {
    const { service, call } = waitingOnFunction();
    service.beginFunctionInvocation(call.invocationId);
    service.endFunctionInvocation(call.invocationId, { kind: "returned", result: undefined });
    expect(() =>
      service.endFunctionInvocation(call.invocationId, { kind: "returned", result: undefined }),
    ).toThrow("Function invocation not found");
  });

  it.each([
    [
      { kind: "returned", result: 42 },
      "A returned outcome's result must be JSON text (a string) or undefined, got 42.",
    ],
    [{ kind: "threw", error: "boom" }, /^A threw outcome's error must be an object/],
    [{ kind: "exploded" }, 'outcome.kind must be "returned" or "threw", got "exploded".'],
  ])("rejects the malformed outcome %j and keeps the call in flight", (outcome, message) => {
    const { service, arn, call } = waitingOnFunction();
    service.beginFunctionInvocation(call.invocationId);
    expect(() => service.endFunctionInvocation(call.invocationId, outcome as never)).toThrow(
      message,
    );
    expect(service.getOperations(arn)[1]?.Status).toBe("STARTED");
    service.endFunctionInvocation(call.invocationId, { kind: "returned", result: '"ok"' });
    expect(service.getOperations(arn)[1]?.Status).toBe("SUCCEEDED");
  });
});

describe("chained invokes with versions (resolveInvokeVersion)", () => {
  function withVersions(resolveInvokeVersion: (target: ChainedInvokeTarget) => string) {
    const service = new DurableExecutionService({
      clock: new VirtualClock(T0),
      resolveInvokeVersion,
    });
    service.registerFunction("caller");
    service.registerFunction("payments");
    service.registerFunction("mailer", { durable: false });
    const arn = service.startExecution({ functionName: "caller" }).durableExecutionArn;
    return { service, arn, invocation: new Invocation(service, arn) };
  }

  it("starts a durable target on the version the qualifier resolves to", () => {
    const seen: ChainedInvokeTarget[] = [];
    const { service, arn, invocation } = withVersions((target) => {
      seen.push(target);
      return "3";
    });
    invocation.checkpoint(invoke.start("i", "payments:live", "{}"));

    expect(seen).toEqual([{ functionName: "payments", qualifier: "live", durable: true }]);
    const started = historyOf(service, arn).find(
      (event) => event.EventType === "ChainedInvokeStarted",
    )?.ChainedInvokeStartedDetails;
    expect(started?.ExecutedVersion).toBe("3");
    const child = service.getExecution({ DurableExecutionArn: started!.DurableExecutionArn! });
    expect(child.Version).toBe("3");
  });

  it("hands the driver a plain call with the version to run", () => {
    const { service, invocation } = withVersions(() => "2");
    invocation.checkpoint(invoke.start("i", "mailer:2", "{}"));
    expect(service.pendingFunctionInvocations()[0]).toMatchObject({
      functionName: "mailer",
      version: "2",
    });
  });

  it("fails the operation with the error the resolver throws", () => {
    const { service, arn, invocation } = withVersions(() => {
      throw new InvalidParameterValueError("payments needs a qualifier.");
    });
    invocation.checkpoint(invoke.start("i", "payments", "{}"));
    expect(service.getOperations(arn).find((operation) => operation.Id === "i")).toMatchObject({
      Status: "FAILED",
      ChainedInvokeDetails: {
        Error: {
          ErrorType: "InvalidParameterValueException",
          ErrorMessage: "payments needs a qualifier.",
        },
      },
    });
  });
});
