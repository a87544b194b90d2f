import type { CheckpointDurableExecutionRequest, Operation } from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import { type DurableContext, withDurableExecution } from "../src/index.js";
import { EXECUTION_ARN, FakeService, faultError } from "./helpers/fake-service.js";

const executionOp: Operation = {
  Id: "exec-1",
  Type: "EXECUTION",
  Status: "STARTED",
  StartTimestamp: new Date(0),
  ExecutionDetails: { InputPayload: '{"n":2}' },
};

/** A client that accepts every checkpoint and echoes the updates back as operations. */
function recordingClient() {
  const requests: CheckpointDurableExecutionRequest[] = [];
  return {
    requests,
    client: {
      checkpoint: async (request: CheckpointDurableExecutionRequest) => {
        requests.push(request);
        const Operations = (request.Updates ?? []).map((update) => ({
          Id: update.Id,
          Type: update.Type,
          SubType: update.SubType,
          Name: update.Name,
          StartTimestamp: new Date(0),
          Status:
            update.Action === "START"
              ? "STARTED"
              : update.Action === "SUCCEED"
                ? "SUCCEEDED"
                : "FAILED",
        })) as Operation[];
        return { CheckpointToken: `t${requests.length}`, NewExecutionState: { Operations } };
      },
      getExecutionState: async () => ({ Operations: [] }),
    },
  };
}

const event = (client: unknown, operations: Operation[] = [executionOp]) => ({
  DurableExecutionArn:
    "arn:aws:lambda:us-east-1:123456789012:function:f:$LATEST/durable-execution/x/y",
  CheckpointToken: "t0",
  InitialExecutionState: { Operations: operations },
  durableExecutionClient: client,
});

describe("withDurableExecution", () => {
  it("rejects an event that is not a durable invocation, naming what is missing", async () => {
    const handler = withDurableExecution(async () => "never");
    await expect(handler({ hello: "world" })).rejects.toThrow(
      "Invalid durable invocation event: DurableExecutionArn is missing; CheckpointToken is missing; InitialExecutionState.Operations is not a list.",
    );
  });

  it("passes the parsed execution input to the handler and returns its JSON result", async () => {
    const { client } = recordingClient();
    const handler = withDurableExecution(async (input: { n: number }) => ({
      squared: input.n ** 2,
    }));
    await expect(handler(event(client))).resolves.toEqual({
      Status: "SUCCEEDED",
      Result: '{"squared":4}',
    });
  });

  it("omits Result when the handler returns undefined", async () => {
    const { client } = recordingClient();
    await expect(withDurableExecution(async () => undefined)(event(client))).resolves.toEqual({
      Status: "SUCCEEDED",
    });
  });

  it("returns FAILED with the error's name and message when the handler throws", async () => {
    const { client } = recordingClient();
    const handler = withDurableExecution(async () => {
      throw new RangeError("out of range");
    });
    await expect(handler(event(client))).resolves.toEqual({
      Status: "FAILED",
      Error: { ErrorType: "RangeError", ErrorMessage: "out of range" },
    });
  });

  it("batches a step's START and SUCCEED in one checkpoint with the event's token", async () => {
    const { client, requests } = recordingClient();
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) =>
      context.step("s", () => 1),
    );
    await handler(event(client));
    expect(requests).toHaveLength(1);
    expect(requests[0]?.CheckpointToken).toBe("t0");
    expect(requests[0]?.Updates).toEqual([
      { Id: "c4ca4238a0b92382", Name: "s", Type: "STEP", SubType: "Step", Action: "START" },
      {
        Id: "c4ca4238a0b92382",
        Name: "s",
        Type: "STEP",
        SubType: "Step",
        Action: "SUCCEED",
        Payload: "1",
      },
    ]);
  });

  it("returns PENDING once a wait is checkpointed and nothing else runs", async () => {
    const { client, requests } = recordingClient();
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      await context.wait({ minutes: 2 });
      return "never reached";
    });
    await expect(handler(event(client))).resolves.toEqual({ Status: "PENDING" });
    expect(requests[0]?.Updates?.[0]).toMatchObject({
      Type: "WAIT",
      Action: "START",
      WaitOptions: { WaitSeconds: 120 },
    });
  });

  it("fails the execution when a wait's duration is invalid", async () => {
    const { client } = recordingClient();
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      try {
        await context.wait("cool-down", { seconds: 0 });
      } catch {
        return "caught";
      }
      return "waited";
    });
    await expect(handler(event(client))).resolves.toEqual({
      Status: "FAILED",
      Error: {
        ErrorType: "DurableConfigError",
        ErrorMessage: 'wait "cool-down": duration must be at least 1 second, got 0.',
      },
    });
  });
});

describe("withDurableExecution with concurrent operations", () => {
  it("gives operations started together their ids in call order", async () => {
    const { client, requests } = recordingClient();
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) =>
      Promise.all([
        context.step("a", async () => 1),
        context.wait("w", { seconds: 5 }),
        context.step("b", () => 2),
      ]),
    );
    await handler(event(client));
    const starts = requests.flatMap((r) => r.Updates ?? []).filter((u) => u.Action === "START");
    expect(starts.map((u) => [u.Name, u.Id])).toEqual([
      ["a", "c4ca4238a0b92382"],
      ["w", "c81e728d9d4c2f63"],
      ["b", "eccbc87e4b5ce2fe"],
    ]);
  });

  it("fails a step whose result is over 256 KB, naming the step and the size, without retrying", async () => {
    const { client, requests } = recordingClient();
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) =>
      context.step("export", () => "x".repeat(300 * 1024)),
    );
    const output = await handler(event(client));
    expect(output).toEqual({
      Status: "FAILED",
      Error: {
        ErrorType: "StepError",
        ErrorMessage:
          'Step "export": result is 307202 bytes once serialized; a step may checkpoint at most 262144 bytes. Store large data elsewhere (S3, DynamoDB) and return a reference to it.',
      },
    });
    const actions = requests.flatMap((r) => r.Updates ?? []).map((u) => u.Action);
    expect(actions).toEqual(["START", "FAIL"]);
  });
});

describe("withDurableExecution reading the state", () => {
  const fiveSteps = withDurableExecution(async (_: unknown, context: DurableContext) => {
    let total = 0;
    for (let i = 1; i <= 5; i++) total += await context.step(`s${i}`, () => i);
    return total;
  });

  it("pages the rest of the state with the event's token before it replays", async () => {
    const service = new FakeService();
    for (let i = 1; i <= 4; i++) {
      service.record(String(i), {
        Type: "STEP",
        SubType: "Step",
        Name: `s${i}`,
        Status: "SUCCEEDED",
        StepDetails: { Result: String(i * 10) },
      });
    }

    const output = await service.invoke(fiveSteps, { pageSize: 2 });

    expect(output).toEqual({ Status: "SUCCEEDED", Result: "105" });
    expect(service.stateRequests).toEqual([
      {
        DurableExecutionArn: EXECUTION_ARN,
        CheckpointToken: "token-1",
        Marker: "2",
        MaxItems: 1000,
      },
    ]);
    expect(service.requests[0]?.CheckpointToken).toBe("token-1");
    expect(service.updates.map((update) => `${update.Action} ${update.Name}`)).toEqual([
      "START s5",
      "SUCCEED s5",
    ]);
  });

  it("makes the handler throw when paging the state is throttled", async () => {
    const service = new FakeService().record("1", {
      Type: "STEP",
      SubType: "Step",
      Status: "STARTED",
    });
    const event = {
      ...service.event({ pageSize: 1 }),
      durableExecutionClient: {
        ...service.client,
        getExecutionState: async () => {
          throw faultError("throttled");
        },
      },
    };

    await expect(fiveSteps(event)).rejects.toMatchObject({
      name: "DurableExecutionClientError",
      scope: "INVOCATION",
      message: "GetDurableExecutionState failed: TooManyRequestsException: Rate exceeded",
    });
  });

  it("rejects an event whose state holds no EXECUTION operation", async () => {
    const event = { ...new FakeService().event(), InitialExecutionState: { Operations: [] } };

    await expect(fiveSteps(event)).rejects.toThrow(
      "Invalid durable invocation event: InitialExecutionState.Operations has no EXECUTION operation. A durable handler must be invoked by the Lambda durable execution service (or a test harness); is durable execution enabled on this function?",
    );
  });

  it("rejects an event that is not an object", async () => {
    await expect(fiveSteps(null)).rejects.toThrow(
      "Invalid durable invocation event: expected an object, got null.",
    );
  });
});

describe("withDurableExecution choosing a client", () => {
  it("uses the configured client when the event carries none", async () => {
    const service = new FakeService();
    const { durableExecutionClient: _injected, ...event } = service.event();
    const handler = withDurableExecution(
      async (_: unknown, context: DurableContext) => context.step("s", () => "ok"),
      { durableExecutionClient: service.client },
    );

    await expect(handler(event)).resolves.toEqual({ Status: "SUCCEEDED", Result: '"ok"' });
    expect(service.requests).toHaveLength(1);
  });

  it("prefers the client the event carries over the configured one", async () => {
    const service = new FakeService();
    const unused = new FakeService();
    const handler = withDurableExecution(
      async (_: unknown, context: DurableContext) => context.step("s", () => "ok"),
      { durableExecutionClient: unused.client },
    );

    await expect(service.invoke(handler)).resolves.toEqual({ Status: "SUCCEEDED", Result: '"ok"' });
    expect(service.requests).toHaveLength(1);
    expect(unused.requests).toEqual([]);
  });
});
