import { describe, expect, it } from "vitest";
import { VirtualClock } from "../src/index.js";
import {
  callback,
  callbackIdIn,
  context,
  historyOf,
  Invocation,
  setup,
  step,
  wait,
} from "./helpers/service.js";

const forkOf = (service: ReturnType<typeof setup>["service"]) =>
  service.fork(new VirtualClock(service.clock.now()));

describe("DurableExecutionService.fork", () => {
  it("copies an invocation in flight, which goes on in the fork with its token", () => {
    const { service, start } = setup();
    const arn = start();
    const invocation = new Invocation(service, arn);
    invocation.checkpoint(step.start("1"), step.succeed("1", '"one"'));

    const fork = forkOf(service);
    const response = fork.checkpoint({
      DurableExecutionArn: arn,
      CheckpointToken: invocation.token,
      Updates: [wait.start("2", 60)],
    });
    expect(response.CheckpointToken).toBeDefined();
    fork.endInvocation(arn, invocation.request.requestId, {
      kind: "returned",
      output: { Status: "PENDING" },
    });

    expect(fork.getOperations(arn).map((op) => op.Id)).toEqual([expect.any(String), "1", "2"]);
    expect(service.getOperations(arn).map((op) => op.Id)).toEqual([expect.any(String), "1"]);
    expect(historyOf(service, arn).length).toBeLessThan(historyOf(fork, arn).length);
  });

  it("leaves the original untouched by what happens in the fork, and the other way round", () => {
    const { service, start } = setup();
    const arn = start();
    const invocation = new Invocation(service, arn);
    invocation.checkpoint(step.start("1"));

    const fork = forkOf(service);
    invocation.checkpoint(step.succeed("1", '"original"'));
    fork.endInvocation(arn, invocation.request.requestId, {
      kind: "threw",
      error: { ErrorType: "Runtime.ExitError", ErrorMessage: "crashed" },
    });

    expect(service.getOperations(arn)[1]).toMatchObject({ Status: "SUCCEEDED" });
    expect(fork.getOperations(arn)[1]).toMatchObject({ Status: "STARTED" });
    expect(fork.runnableExecutions()).toEqual([arn]);
    expect(service.runnableExecutions()).toEqual([]);
  });

  it("issues the same callback id in a fork for the same operation", () => {
    const { service, start } = setup();
    const arn = start();
    const invocation = new Invocation(service, arn);
    const fork = forkOf(service);

    const original = callbackIdIn(invocation.checkpoint(callback.start("1")), "1");
    const forked = callbackIdIn(
      fork.checkpoint({
        DurableExecutionArn: arn,
        CheckpointToken: invocation.request.event.CheckpointToken,
        Updates: [callback.start("1")],
      }),
      "1",
    );

    expect(forked).toBe(original);
    fork.sendCallbackSuccess({ CallbackId: forked, Result: '"yes"' });
    expect(service.getOperations(arn)[1]).toMatchObject({ Status: "STARTED" });
  });

  it("issues different callback ids in two services", () => {
    const first = setup();
    const second = setup();
    const ids = [first, second].map(({ service, start }) => {
      const invocation = new Invocation(service, start());
      return callbackIdIn(invocation.checkpoint(callback.start("1")), "1");
    });
    expect(ids[0]).not.toBe(ids[1]);
  });
});

describe("DurableExecutionService.stateDigest", () => {
  it("is equal for a service and its fork driven alike", () => {
    const { service, start, advance } = setup();
    const arn = start();
    const invocation = new Invocation(service, arn);
    invocation.checkpoint(step.start("1"), step.succeed("1", '"one"'), wait.start("2", 60));
    const forkClock = new VirtualClock(service.clock.now());
    const fork = service.fork(forkClock);
    expect(fork.stateDigest()).toBe(service.stateDigest());

    invocation.pending();
    fork.endInvocation(arn, invocation.request.requestId, {
      kind: "returned",
      output: { Status: "PENDING" },
    });
    advance(60);
    forkClock.advanceTo(service.clock.now());
    fork.fireDueTimers();
    expect(fork.stateDigest()).toBe(service.stateDigest());
  });

  it("changes with every change to an operation, kept up as the service goes", () => {
    const { service, start, advance } = setup();
    const arn = start();
    const seen = new Set([service.stateDigest()]);
    const expectNew = () => {
      const digest = service.stateDigest();
      expect(seen.has(digest)).toBe(false);
      seen.add(digest);
      // A fork hashes every operation afresh: the kept-up digest must agree with it.
      expect(forkOf(service).stateDigest()).toBe(digest);
    };

    const first = new Invocation(service, arn);
    expectNew();
    first.checkpoint(step.start("1"));
    expectNew();
    first.checkpoint(step.retry("1", 5));
    expectNew();
    first.checkpoint(context.start("2"), wait.start("2-1", 30, { ParentId: "2" }));
    expectNew();
    const callbackId = callbackIdIn(first.checkpoint(callback.start("3")), "3");
    expectNew();
    first.pending();
    expectNew();
    advance(5);
    expectNew();
    service.sendCallbackSuccess({ CallbackId: callbackId, Result: '"ok"' });
    expectNew();
    advance(30);
    expectNew();
    const second = new Invocation(service, arn);
    second.checkpoint(step.succeed("1", '"done"'), context.succeed("2", '"ctx"'));
    expectNew();
    second.succeeds('"finished"');
    expectNew();
  });

  it("counts failed invocations in a row only when asked to", () => {
    const { service, start } = setup();
    const arn = start();
    const first = new Invocation(service, arn);
    first.checkpoint(wait.start("1", 60));
    const fork = forkOf(service);
    // The same operations, one invocation in flight each; only the original saw a crash first.
    first.throws();
    new Invocation(service, arn);
    fork.endInvocation(arn, first.request.requestId, {
      kind: "returned",
      output: { Status: "PENDING" },
    });
    new Invocation(fork, arn);

    expect(fork.stateDigest()).toBe(service.stateDigest());
    expect(fork.stateDigest({ countFailures: true })).not.toBe(
      service.stateDigest({ countFailures: true }),
    );
  });
});
