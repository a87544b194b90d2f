import type { OperationUpdate } from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import { DurableExecutionService, VirtualClock } from "../../src/index.js";
import { FUNCTION_NAME, Invocation, setup, step, wait } from "../helpers/service.js";

const callbackStart: OperationUpdate = {
  Id: "cb1",
  Type: "CALLBACK",
  SubType: "Callback",
  Action: "START",
  Name: "approval",
};

/** A new service on a clock at the same time, holding what `service` exported (through JSON). */
function reload(service: DurableExecutionService, clock: VirtualClock) {
  const state = JSON.parse(JSON.stringify(service.exportState()));
  const copyClock = new VirtualClock(clock.now());
  const copy = new DurableExecutionService({ clock: copyClock });
  copy.importState(state);
  return { copy, copyClock };
}

describe("DurableExecutionService.exportState / importState", () => {
  it("restores a waiting execution with its history, operations and timer", () => {
    const { service, clock, start } = setup();
    const arn = start('{"id":7}', "order-7");
    const invocation = new Invocation(service, arn);
    invocation.checkpoint(step.start("s1"), step.succeed("s1", '"done"'), wait.start("w1", 3600));
    invocation.pending();

    const { copy, copyClock } = reload(service, clock);
    expect(copy.getExecution({ DurableExecutionArn: arn })).toEqual(
      service.getExecution({ DurableExecutionArn: arn }),
    );
    expect(copy.getOperations(arn)).toEqual(service.getOperations(arn));
    expect(copy.getExecutionHistory({ DurableExecutionArn: arn })).toEqual(
      service.getExecutionHistory({ DurableExecutionArn: arn }),
    );
    expect(copy.nextTimerAt()).toEqual(new Date(clock.now().getTime() + 3_600_000));
    expect(copy.runnableExecutions()).toEqual([]);

    copyClock.advanceTo(copy.nextTimerAt()!);
    copy.fireDueTimers();
    expect(copy.runnableExecutions()).toEqual([arn]);
    const resumed = new Invocation(copy, arn);
    resumed.succeeds('"ok"');
    expect(copy.getExecution({ DurableExecutionArn: arn }).Status).toBe("SUCCEEDED");
    // Idempotent start by name still finds the restored execution.
    expect(
      copy.startExecution({
        functionName: FUNCTION_NAME,
        input: '{"id":7}',
        executionName: "order-7",
      }),
    ).toEqual({ durableExecutionArn: arn, alreadyStarted: true });
  });

  it("keeps callback ids answerable after the restore", () => {
    const { service, clock, start } = setup();
    const arn = start();
    const invocation = new Invocation(service, arn);
    invocation.checkpoint(callbackStart);
    invocation.pending();
    const [callback] = service.findCallbacks(arn);

    const { copy } = reload(service, clock);
    copy.sendCallbackSuccess({ CallbackId: callback!.callbackId, Result: '"yes"' });
    expect(copy.runnableExecutions()).toEqual([arn]);
    expect(copy.findCallbacks(arn)[0]!.status).toBe("SUCCEEDED");
  });

  it("records an invocation in flight at export as crashed, says so, and invokes again", () => {
    const { service, clock, start } = setup();
    const arn = start();
    const invocation = new Invocation(service, arn);
    invocation.checkpoint(step.start("s1"));

    const { copy } = reload(service, clock);
    const events = copy.getExecutionHistory({ DurableExecutionArn: arn }).Events!;
    expect(events.at(-1)).toMatchObject({
      EventType: "InvocationCompleted",
      InvocationCompletedDetails: {
        Error: {
          Payload: {
            ErrorType: "Runtime.ExitError",
            ErrorMessage:
              "The service stopped while this invocation was running, and its function process ended with it (failed invocation 1 in a row of 5 allowed).",
          },
        },
      },
    });
    expect(copy.runnableExecutions()).toEqual([arn]);
    expect(copy.getOperations(arn).find((operation) => operation.Id === "s1")?.Status).toBe(
      "STARTED",
    );
  });

  it("fails the execution after restarts in a row, saying what happened", () => {
    const { service, clock, start } = setup({ limits: { maxInvocationAttempts: 2 } });
    const arn = start();
    new Invocation(service, arn).checkpoint(step.start("s1"));
    const first = reload(service, clock).copy;
    new Invocation(first, arn); // runs step s1 again, and the service stops again
    const second = new DurableExecutionService({
      clock: new VirtualClock(clock.now()),
      limits: { maxInvocationAttempts: 2 },
    });
    second.importState(JSON.parse(JSON.stringify(first.exportState())));

    expect(second.getExecution({ DurableExecutionArn: arn })).toMatchObject({
      Status: "FAILED",
      Error: {
        ErrorType: "Runtime.ExitError",
        ErrorMessage:
          "The service stopped while this invocation was running, and its function process ended with it. That was 2 failed invocations in a row, the most allowed, so the execution fails.",
      },
    });
  });

  it("keeps the version an execution started on", () => {
    const { service, clock } = setup();
    const { durableExecutionArn } = service.startExecution({
      functionName: FUNCTION_NAME,
      version: "3",
    });
    expect(durableExecutionArn).toContain(`:function:${FUNCTION_NAME}:3/durable-execution/`);
    const { copy } = reload(service, clock);
    expect(copy.getExecution({ DurableExecutionArn: durableExecutionArn }).Version).toBe("3");
    expect(
      copy.listExecutionsByFunction({ FunctionName: FUNCTION_NAME, Qualifier: "3" })
        .DurableExecutions,
    ).toHaveLength(1);
  });

  it("refuses state that exportState did not write, and a service that has executions", () => {
    const { service, start } = setup();
    expect(() => service.importState({ format: 9 } as never)).toThrow(
      "Cannot import state: expected format 1 from exportState(), got 9.",
    );
    start();
    expect(() => service.importState(service.exportState())).toThrow(
      "Cannot import state into a service that already has executions. Import into a new service.",
    );
  });
});
