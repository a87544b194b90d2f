import { describe, expect, it } from "vitest";
import { catchServiceError, Invocation, setup, step, wait } from "../helpers/service.js";

const STALE =
  "Invalid checkpoint token: it was already used, belongs to an earlier invocation, or was never issued. Use the token of the latest checkpoint response (the invocation event's before the first checkpoint).";

describe("checkpoint tokens", () => {
  it("accepts the invocation event's token and returns a new one", () => {
    const { service, start } = setup();
    const invocation = new Invocation(service, start());
    const first = invocation.request.event.CheckpointToken;
    const response = invocation.checkpoint(step.start("a"));
    expect(response.CheckpointToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(response.CheckpointToken).not.toBe(first);
  });

  it("rejects a checkpoint that carries a stale token", () => {
    const { service, start } = setup();
    const arn = start();
    const invocation = new Invocation(service, arn);
    const used = invocation.token;
    invocation.checkpoint(step.start("a"));
    const error = catchServiceError(
      () =>
        service.checkpoint({
          DurableExecutionArn: arn,
          CheckpointToken: used,
          Updates: [step.succeed("a")],
        }),
      "InvalidParameterValueException",
    );
    expect(error.message).toBe(STALE);
    expect(error.statusCode).toBe(400);
  });

  it("rejects the token of an earlier invocation", () => {
    const { service, start } = setup();
    const arn = start();
    const first = new Invocation(service, arn);
    first.checkpoint(wait.start("w", 1));
    first.throws();
    new Invocation(service, arn);
    expect(() => first.checkpoint(step.start("a"))).toThrow(STALE);
  });

  it("rejects a token that was never issued, and a missing token", () => {
    const { service, start } = setup();
    const arn = start();
    new Invocation(service, arn);
    expect(() =>
      service.checkpoint({ DurableExecutionArn: arn, CheckpointToken: "guess" }),
    ).toThrow(STALE);
    expect(() =>
      service.checkpoint({ DurableExecutionArn: arn, CheckpointToken: undefined }),
    ).toThrow(
      "Invalid checkpoint token: CheckpointToken is required. Use the token of the invocation event or of the latest checkpoint response.",
    );
  });

  it("rejects any token while no invocation is in flight", () => {
    const { service, start } = setup();
    const arn = start();
    const invocation = new Invocation(service, arn);
    invocation.checkpoint(wait.start("w", 5));
    const token = invocation.token;
    invocation.pending();
    expect(() => service.checkpoint({ DurableExecutionArn: arn, CheckpointToken: token })).toThrow(
      STALE,
    );
  });

  it("treats an empty checkpoint as a poll that consumes the token", () => {
    const { service, start } = setup();
    const invocation = new Invocation(service, start());
    const response = invocation.checkpoint();
    expect(response.NewExecutionState).toEqual({ Operations: [] });
    expect(response.CheckpointToken).toBeDefined();
    expect(() => invocation.checkpoint()).not.toThrow();
  });

  it("lets GetDurableExecutionState read with a token without consuming it", () => {
    const { service, start } = setup();
    const arn = start();
    const invocation = new Invocation(service, arn);
    const token = invocation.token;
    const page = service.getExecutionState({ DurableExecutionArn: arn, CheckpointToken: token });
    expect(page.Operations).toHaveLength(1);
    expect(() => invocation.checkpoint(step.start("a"))).not.toThrow();
    expect(() =>
      service.getExecutionState({ DurableExecutionArn: arn, CheckpointToken: token }),
    ).toThrow(STALE);
  });

  it("returns no token after a terminal EXECUTION update, and refuses later checkpoints", () => {
    const { service, start } = setup();
    const arn = start();
    const invocation = new Invocation(service, arn);
    const token = invocation.token;
    const response = invocation.checkpoint({
      Id: "x",
      Type: "EXECUTION",
      Action: "FAIL",
      Error: { ErrorMessage: "no" },
    });
    expect(response.CheckpointToken).toBeUndefined();
    expect(service.getExecution({ DurableExecutionArn: arn }).Status).toBe("FAILED");
    const error = catchServiceError(
      () => service.checkpoint({ DurableExecutionArn: arn, CheckpointToken: token }),
      "InvalidParameterValueException",
    );
    expect(error.message).toBe(
      `Cannot checkpoint durable execution ${arn}: it has ended with status FAILED.`,
    );
  });

  it("refuses a checkpoint for an execution stopped during the invocation", () => {
    const { service, start } = setup();
    const arn = start();
    const invocation = new Invocation(service, arn);
    service.stopExecution({ DurableExecutionArn: arn });
    expect(() => invocation.checkpoint(step.start("a"))).toThrow(
      `Cannot checkpoint durable execution ${arn}: it has ended with status STOPPED.`,
    );
  });

  it("rejects an unknown execution ARN with ResourceNotFoundException", () => {
    const { service, start } = setup();
    const arn = `${start()}x`;
    const error = catchServiceError(
      () => service.checkpoint({ DurableExecutionArn: arn, CheckpointToken: "t" }),
      "ResourceNotFoundException",
    );
    expect(error.message).toBe(`Durable execution not found: ${arn}.`);
    expect(error.statusCode).toBe(404);
  });
});

describe("checkpoint responses", () => {
  it("return the operations this request changed, in start order", () => {
    const { service, start } = setup();
    const invocation = new Invocation(service, start());
    invocation.checkpoint(step.start("a"));
    const response = invocation.checkpoint(wait.start("w", 5), step.succeed("a", '"1"'));
    expect(response.NewExecutionState?.Operations?.map((op) => [op.Id, op.Status])).toEqual([
      ["a", "SUCCEEDED"],
      ["w", "STARTED"],
    ]);
  });

  it("also return operations the service changed since the previous checkpoint", () => {
    const { service, start, advance } = setup();
    const invocation = new Invocation(service, start());
    invocation.checkpoint(wait.start("w", 5), step.start("a"), step.retry("a", 3));
    advance(5);
    const response = invocation.checkpoint(step.start("b"));
    expect(response.NewExecutionState?.Operations?.map((op) => [op.Id, op.Status])).toEqual([
      ["w", "SUCCEEDED"],
      ["a", "READY"],
      ["b", "STARTED"],
    ]);
    expect(invocation.checkpoint().NewExecutionState?.Operations).toEqual([]);
  });

  it("leave out service changes made before the invocation began: the event has them", () => {
    const { service, start, advance } = setup();
    const arn = start();
    const first = new Invocation(service, arn);
    first.checkpoint(wait.start("w", 5));
    first.pending();
    advance(5);
    const second = new Invocation(service, arn);
    expect(second.request.event.InitialExecutionState.Operations[1]?.Status).toBe("SUCCEEDED");
    expect(second.checkpoint().NewExecutionState?.Operations).toEqual([]);
  });

  it("answer a retried request with the same ClientToken without applying it again", () => {
    const { service, start } = setup();
    const arn = start();
    const invocation = new Invocation(service, arn);
    const request = {
      DurableExecutionArn: arn,
      CheckpointToken: invocation.token,
      ClientToken: "client-1",
      Updates: [step.start("a")],
    };
    const first = service.checkpoint(request);
    const retried = service.checkpoint(request);
    expect(retried).toEqual(first);
    expect(service.getExecutionHistory({ DurableExecutionArn: arn }).Events).toHaveLength(2);
  });

  it("are copies that cannot change the service's state", () => {
    const { service, start } = setup();
    const arn = start();
    const invocation = new Invocation(service, arn);
    const response = invocation.checkpoint(step.start("a"), step.succeed("a", '"1"'));
    response.NewExecutionState!.Operations![0]!.Status = "FAILED";
    expect(service.getOperations(arn)[1]?.Status).toBe("SUCCEEDED");
  });
});
