import type { CheckpointDurableExecutionRequest, OperationUpdate } from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import { Checkpointer } from "../../src/checkpoint/checkpointer.js";
import type { DurableExecutionClientError } from "../../src/errors.js";
import { OperationLog } from "../../src/replay/operation-log.js";

function setup(respond?: (request: CheckpointDurableExecutionRequest, index: number) => unknown) {
  const requests: CheckpointDurableExecutionRequest[] = [];
  const failures: DurableExecutionClientError[] = [];
  const client = {
    checkpoint: async (request: CheckpointDurableExecutionRequest) => {
      requests.push(request);
      const answer = respond?.(request, requests.length);
      if (answer instanceof Error) throw answer;
      return { CheckpointToken: `token-${requests.length}`, NewExecutionState: { Operations: [] } };
    },
    getExecutionState: async () => ({ Operations: [] }),
  };
  const checkpointer = new Checkpointer(client, "arn:execution", "token-0", new OperationLog([]), {
    onFailure: (error) => failures.push(error),
    onTokenLost: () => {},
    onIdle: () => {},
  });
  return { checkpointer, requests, failures };
}

const step = (id: string, action: OperationUpdate["Action"]): OperationUpdate => ({
  Id: id,
  Type: "STEP",
  SubType: "Step",
  Action: action,
});

describe("Checkpointer", () => {
  it("batches updates queued in the same turn and threads the returned token", async () => {
    const { checkpointer, requests } = setup();
    const done = [
      checkpointer.enqueue(step("a", "START")),
      checkpointer.enqueue(step("a", "SUCCEED")),
    ];
    await Promise.all(done);
    await checkpointer.enqueue(step("b", "START"));
    expect(
      requests.map((r) => [r.CheckpointToken, r.Updates?.map((u) => `${u.Id}:${u.Action}`)]),
    ).toEqual([
      ["token-0", ["a:START", "a:SUCCEED"]],
      ["token-1", ["b:START"]],
    ]);
  });

  it("splits a batch at 250 updates", async () => {
    const { checkpointer, requests } = setup();
    await Promise.all(
      Array.from({ length: 300 }, (_, i) => checkpointer.enqueue(step(`s${i}`, "START"))),
    );
    expect(requests.map((r) => r.Updates?.length)).toEqual([250, 50]);
  });

  it("splits a batch before it exceeds 750 KB", async () => {
    const { checkpointer, requests } = setup();
    const big = "x".repeat(300 * 1024);
    await Promise.all(
      [1, 2, 3].map((i) => checkpointer.enqueue({ ...step(`s${i}`, "SUCCEED"), Payload: big })),
    );
    expect(requests.map((r) => r.Updates?.length)).toEqual([2, 1]);
  });

  it("never sends the same id twice in a request unless a START is followed by its outcome", async () => {
    const { checkpointer, requests } = setup();
    await Promise.all([
      checkpointer.enqueue({ Id: "w", Type: "WAIT", SubType: "Wait", Action: "START" }),
      checkpointer.enqueue({ Id: "w", Type: "WAIT", SubType: "Wait", Action: "CANCEL" }),
    ]);
    expect(requests.map((r) => r.Updates?.length)).toEqual([1, 1]);
  });

  it("puts an EXECUTION update last in its request", async () => {
    const { checkpointer, requests } = setup();
    await Promise.all([
      checkpointer.enqueue({ Id: "exec", Type: "EXECUTION", Action: "SUCCEED", Payload: "1" }),
      checkpointer.enqueue(step("after", "START")),
    ]);
    expect(requests.map((r) => r.Updates?.map((u) => u.Id))).toEqual([["exec"], ["after"]]);
  });

  it.each([
    ["TooManyRequestsException", 429, "INVOCATION"],
    ["ServiceException", 500, "INVOCATION"],
    ["InvalidParameterValueException", 400, "EXECUTION"],
    ["KMSDisabledException", 502, "EXECUTION"],
  ])("classifies %s (%i) as an %s failure and stops sending", async (name, status, scope) => {
    const error = Object.assign(new Error("nope"), { name, $metadata: { httpStatusCode: status } });
    const { checkpointer, requests, failures } = setup(() => error);
    void checkpointer.enqueue(step("a", "START"));
    void checkpointer.enqueue(step("b", "START"));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(failures.map((f) => f.scope)).toEqual([scope]);
    expect(requests).toHaveLength(1);
  });

  it("treats a stale token as an invocation failure, whatever its capitalisation", async () => {
    const error = Object.assign(new Error("Invalid Checkpoint Token: expired"), {
      name: "InvalidParameterValueException",
      $metadata: { httpStatusCode: 400 },
    });
    const { checkpointer, failures } = setup(() => error);
    void checkpointer.enqueue(step("a", "START"));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(failures[0]?.scope).toBe("INVOCATION");
  });

  it("treats an error without an HTTP status as a network failure of the invocation", async () => {
    const { checkpointer, failures } = setup(() => new Error("socket hang up"));
    void checkpointer.enqueue(step("a", "START"));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(failures[0]?.scope).toBe("INVOCATION");
    expect(failures[0]?.message).toBe("CheckpointDurableExecution failed: Error: socket hang up");
  });
});
