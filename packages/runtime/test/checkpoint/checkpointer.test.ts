import type {
  CheckpointDurableExecutionRequest,
  CheckpointDurableExecutionResponse,
  Operation,
  OperationUpdate,
} from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import { Checkpointer } from "../../src/checkpoint/checkpointer.js";
import type { DurableExecutionClientError } from "../../src/errors.js";
import { OperationLog } from "../../src/replay/operation-log.js";

function setup(
  respond?: (request: CheckpointDurableExecutionRequest, index: number) => unknown,
  operations: Operation[] = [],
) {
  const requests: CheckpointDurableExecutionRequest[] = [];
  const failures: DurableExecutionClientError[] = [];
  const events: string[] = [];
  let reportFailure!: () => void;
  const failed = new Promise<void>((resolve) => {
    reportFailure = resolve;
  });
  const client = {
    checkpoint: async (request: CheckpointDurableExecutionRequest) => {
      requests.push(request);
      const answer = respond?.(request, requests.length);
      if (answer instanceof Error) throw answer;
      return (
        (answer as CheckpointDurableExecutionResponse | undefined) ?? {
          CheckpointToken: `token-${requests.length}`,
          NewExecutionState: { Operations: [] },
        }
      );
    },
    getExecutionState: async () => ({ Operations: [] }),
  };
  const log = new OperationLog(operations);
  const checkpointer = new Checkpointer(client, "arn:execution", "token-0", log, {
    onFailure: (error) => {
      failures.push(error);
      reportFailure();
    },
    onTokenLost: () => events.push("token lost"),
    onIdle: () => events.push("idle"),
  });
  return { checkpointer, requests, failures, failed, events, log };
}

/** Lets the callbacks queued by a few macrotasks run. */
const settled = async () => {
  for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setImmediate(resolve));
};

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
    const { checkpointer, requests, failures, failed } = setup(() => error);
    void checkpointer.enqueue(step("a", "START"));
    void checkpointer.enqueue(step("b", "START"));
    await failed;
    expect(failures.map((f) => f.scope)).toEqual([scope]);
    expect(requests).toHaveLength(1);
  });

  it("treats a stale token as an invocation failure, whatever its capitalisation", async () => {
    const error = Object.assign(new Error("Invalid Checkpoint Token: expired"), {
      name: "InvalidParameterValueException",
      $metadata: { httpStatusCode: 400 },
    });
    const { checkpointer, failures, failed } = setup(() => error);
    void checkpointer.enqueue(step("a", "START"));
    await failed;
    expect(failures[0]?.scope).toBe("INVOCATION");
  });

  it("treats an error without an HTTP status as a network failure of the invocation", async () => {
    const { checkpointer, failures, failed } = setup(() => new Error("socket hang up"));
    void checkpointer.enqueue(step("a", "START"));
    await failed;
    expect(failures[0]?.scope).toBe("INVOCATION");
    expect(failures[0]?.message).toBe("CheckpointDurableExecution failed: Error: socket hang up");
  });

  it("resolves an update only once the service accepted it and the response is in the log", async () => {
    const { checkpointer, log } = setup(() => ({
      CheckpointToken: "token-1",
      NewExecutionState: {
        Operations: [{ Id: "a", Type: "STEP", Status: "STARTED", StartTimestamp: new Date(0) }],
      },
    }));

    await checkpointer.enqueue(step("a", "START"));

    expect(log.get("a")?.Status).toBe("STARTED");
  });

  it("queues updates while a request is in flight and sends them together next", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const requests: string[][] = [];
    const client = {
      checkpoint: async (request: CheckpointDurableExecutionRequest) => {
        requests.push((request.Updates ?? []).map((u) => u.Id!));
        if (requests.length === 1) await gate;
        return {
          CheckpointToken: `token-${requests.length}`,
          NewExecutionState: { Operations: [] },
        };
      },
      getExecutionState: async () => ({ Operations: [] }),
    };
    const checkpointer = new Checkpointer(client, "arn", "token-0", new OperationLog([]), {
      onFailure: () => {},
      onTokenLost: () => {},
      onIdle: () => {},
    });

    const first = checkpointer.enqueue(step("a", "START"));
    await settled();
    const later = [
      checkpointer.enqueue(step("b", "START")),
      checkpointer.enqueue(step("c", "START")),
    ];
    await settled();
    expect(requests).toEqual([["a"]]);
    release();
    await Promise.all([first, ...later]);

    expect(requests).toEqual([["a"], ["b", "c"]]);
  });

  it("resolves drain once everything queued has been accepted", async () => {
    const { checkpointer, requests, events } = setup();
    void checkpointer.enqueue(step("a", "START"));
    void checkpointer.enqueue(step("a", "SUCCEED"));

    await checkpointer.drain();

    expect(requests).toHaveLength(1);
    expect(checkpointer.idle).toBe(true);
    expect(events).toEqual(["idle"]);
  });

  it("reports the token lost, and sends nothing more, when a response has no token", async () => {
    const { checkpointer, requests, events } = setup((_, index) =>
      index === 1 ? { NewExecutionState: { Operations: [] } } : undefined,
    );

    await checkpointer.enqueue(step("a", "START"));
    let sent = false;
    void checkpointer.enqueue(step("b", "START")).then(() => {
      sent = true;
    });
    await settled();

    expect(requests).toHaveLength(1);
    expect(events).toEqual(["idle", "token lost"]);
    expect(sent).toBe(false);
  });

  it("resolves no update after a failure", async () => {
    const error = Object.assign(new Error("Rate exceeded"), {
      name: "TooManyRequestsException",
      $metadata: { httpStatusCode: 429 },
    });
    const { checkpointer, failed } = setup(() => error);
    let accepted = false;
    void checkpointer.enqueue(step("a", "START")).then(() => {
      accepted = true;
    });

    await failed;
    await settled();

    expect(accepted).toBe(false);
  });

  it("sends nothing once stopped", async () => {
    const { checkpointer, requests } = setup();
    checkpointer.stop();
    void checkpointer.enqueue(step("a", "START"));

    await settled();

    expect(requests).toEqual([]);
  });
});

describe("Checkpointer without a token", () => {
  it("reports the token lost and stalls when updates wait after a response without one", async () => {
    const { checkpointer, requests, events } = setup((_, index) =>
      index === 1 ? { NewExecutionState: { Operations: [] } } : undefined,
    );
    const first = checkpointer.enqueue(step("a", "START"));
    await first;
    void checkpointer.enqueue(step("a", "SUCCEED"));
    await settled();

    expect(requests).toHaveLength(1);
    expect(events).toEqual(["idle", "token lost"]);
    expect(checkpointer.stalled).toBe(true);
  });

  it("drops what is queued after the accepted EXECUTION update without stalling", async () => {
    const { checkpointer, requests, events } = setup((_, index) =>
      index === 1 ? { NewExecutionState: { Operations: [] } } : undefined,
    );
    void checkpointer.enqueue({ Id: "execution", Type: "EXECUTION", Action: "SUCCEED" });
    void checkpointer.enqueue(step("late", "SUCCEED"));
    await checkpointer.drain();

    expect(requests.map((request) => request.Updates?.map((update) => update.Id))).toEqual([
      ["execution"],
    ]);
    expect(events).toEqual([]);
    expect(checkpointer.stalled).toBe(false);
  });
});
