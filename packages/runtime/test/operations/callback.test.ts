import { describe, expect, it } from "vitest";
import {
  CallbackError,
  type DurableContext,
  defaultSerdes,
  retryPresets,
  type Serdes,
  withDurableExecution,
} from "../../src/index.js";
import { FakeService, id } from "../helpers/fake-service.js";

/** Creates a callback, hands its id out in a step, and returns the answer or the error's class. */
const approval = (serdes?: Serdes<unknown>) =>
  withDurableExecution(async (_: unknown, context: DurableContext) => {
    const [answer, callbackId] = await context.createCallback("approval", {
      timeout: { hours: 1 },
      heartbeatTimeout: { minutes: 5 },
      ...(serdes === undefined ? {} : { serdes }),
    });
    await context.step("send-request", () => `sent ${callbackId}`);
    try {
      return { answer: await answer };
    } catch (error) {
      const { name, message } = error as Error;
      return { error: name, message, isCallbackError: error instanceof CallbackError };
    }
  });

describe("context.createCallback", () => {
  it("checkpoints CALLBACK START with its timeouts and returns the id the service made", async () => {
    const service = new FakeService();

    await expect(service.invoke(approval())).resolves.toEqual({ Status: "PENDING" });
    expect(service.requests[0]?.Updates).toEqual([
      {
        Id: id("1"),
        Name: "approval",
        Type: "CALLBACK",
        SubType: "Callback",
        Action: "START",
        CallbackOptions: { TimeoutSeconds: 3600, HeartbeatTimeoutSeconds: 300 },
      },
    ]);
    expect(service.operation("2")?.StepDetails?.Result).toBe('"sent callback-1"');
  });

  it("returns the recorded id on replay without a second START", async () => {
    const service = new FakeService()
      .record("1", {
        Type: "CALLBACK",
        SubType: "Callback",
        Name: "approval",
        Status: "STARTED",
        CallbackDetails: { CallbackId: "cb-from-earlier" },
      })
      .record("2", { Type: "STEP", SubType: "Step", Name: "send-request", Status: "STARTED" });

    await expect(service.invoke(approval())).resolves.toEqual({ Status: "PENDING" });
    expect(service.updates.map((u) => [u.Type, u.Action, u.Payload])).toEqual([
      ["STEP", "SUCCEED", '"sent cb-from-earlier"'],
    ]);
  });

  it("returns the raw answer by default once the callback succeeded", async () => {
    const service = new FakeService();
    await service.invoke(approval());
    service.change("1", { Status: "SUCCEEDED", CallbackDetails: { Result: '{"ok":true}' } });

    await expect(service.invoke(approval())).resolves.toEqual({
      Status: "SUCCEEDED",
      Result: JSON.stringify({ answer: '{"ok":true}' }),
    });
  });

  it("reads the answer with the serdes it is given", async () => {
    const service = new FakeService();
    await service.invoke(approval(defaultSerdes));
    service.change("1", { Status: "SUCCEEDED", CallbackDetails: { Result: '{"ok":true}' } });

    await expect(service.invoke(approval(defaultSerdes))).resolves.toEqual({
      Status: "SUCCEEDED",
      Result: JSON.stringify({ answer: { ok: true } }),
    });
  });

  it("throws CallbackExternalError with the external system's message when the callback failed", async () => {
    const service = new FakeService();
    await service.invoke(approval());
    service.change("1", {
      Status: "FAILED",
      CallbackDetails: { Error: { ErrorType: "Rejected", ErrorMessage: "over budget" } },
    });

    const output = await service.invoke(approval());

    expect(output).toEqual({
      Status: "SUCCEEDED",
      Result: JSON.stringify({
        error: "CallbackExternalError",
        message: "over budget",
        isCallbackError: true,
      }),
    });
  });

  it("throws CallbackTimeoutError when the callback timed out", async () => {
    const service = new FakeService();
    await service.invoke(approval());
    service.change("1", {
      Status: "TIMED_OUT",
      CallbackDetails: {
        Error: { ErrorType: "Callback.Timeout", ErrorMessage: "Callback timed out" },
      },
    });

    await expect(service.invoke(approval())).resolves.toEqual({
      Status: "SUCCEEDED",
      Result: JSON.stringify({
        error: "CallbackTimeoutError",
        message: "Callback timed out",
        isCallbackError: true,
      }),
    });
  });

  it("resolves in the same invocation when a checkpoint response carries the answer", async () => {
    const service = new FakeService();
    service.onCheckpoint(2, {
      meanwhile: () =>
        service.change("1", { Status: "SUCCEEDED", CallbackDetails: { Result: "approved" } }),
    });

    await expect(service.invoke(approval())).resolves.toEqual({
      Status: "SUCCEEDED",
      Result: JSON.stringify({ answer: "approved" }),
    });
  });

  it("does not suspend for an answer nobody awaits", async () => {
    const service = new FakeService();
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      const [, callbackId] = await context.createCallback();
      return callbackId;
    });

    await expect(service.invoke(handler)).resolves.toEqual({
      Status: "SUCCEEDED",
      Result: '"callback-1"',
    });
  });

  it("fails with CallbackError when the service returns no callback id", async () => {
    const service = new FakeService();
    service.onCheckpoint(1, {
      meanwhile: () => service.change("1", { CallbackDetails: { CallbackId: undefined } }),
    });

    await expect(service.invoke(approval())).resolves.toEqual({
      Status: "FAILED",
      Error: {
        ErrorType: "CallbackError",
        ErrorMessage: 'Callback "approval": the service returned no callback id.',
      },
    });
  });

  it("fails the execution for a timeout under 1 second", async () => {
    const service = new FakeService();
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      await context.createCallback("approval", { timeout: { seconds: 0 } });
      return "created";
    });

    await expect(service.invoke(handler)).resolves.toEqual({
      Status: "FAILED",
      Error: {
        ErrorType: "DurableConfigError",
        ErrorMessage:
          'createCallback "approval" timeout: duration must be at least 1 second, got 0.',
      },
    });
  });
});

/** Waits for an approval whose id the submitter records; returns the answer or the error. */
const waitForApproval = (submitter: (callbackId: string) => void = () => {}) =>
  withDurableExecution(async (_: unknown, context: DurableContext) => {
    try {
      return await context.waitForCallback(
        "approval",
        async (callbackId) => submitter(callbackId),
        { timeout: { hours: 2 }, retryStrategy: retryPresets.noRetry },
      );
    } catch (error) {
      const { name, message } = error as Error;
      return { error: name, message, isCallbackError: error instanceof CallbackError };
    }
  });

describe("context.waitForCallback", () => {
  it("checkpoints a WaitForCallback CONTEXT holding an unnamed CALLBACK, then the submitter step", async () => {
    const service = new FakeService();
    const submitted: string[] = [];

    await expect(service.invoke(waitForApproval((cb) => submitted.push(cb)))).resolves.toEqual({
      Status: "PENDING",
    });
    expect(submitted).toEqual(["callback-1"]);
    expect(service.updates).toEqual([
      {
        Id: id("1"),
        Name: "approval",
        Type: "CONTEXT",
        SubType: "WaitForCallback",
        Action: "START",
      },
      {
        Id: id("1-1"),
        ParentId: id("1"),
        Type: "CALLBACK",
        SubType: "Callback",
        Action: "START",
        CallbackOptions: { TimeoutSeconds: 7200 },
      },
      { Id: id("1-2"), ParentId: id("1"), Type: "STEP", SubType: "Step", Action: "START" },
      { Id: id("1-2"), ParentId: id("1"), Type: "STEP", SubType: "Step", Action: "SUCCEED" },
    ]);
  });

  it("returns the answer on the next invocation without running the submitter again", async () => {
    const service = new FakeService();
    const submitted: string[] = [];
    const handler = waitForApproval((cb) => submitted.push(cb));
    await service.invoke(handler);
    service.change("1-1", { Status: "SUCCEEDED", CallbackDetails: { Result: "yes" } });

    await expect(service.invoke(handler)).resolves.toEqual({
      Status: "SUCCEEDED",
      Result: '"yes"',
    });
    expect(submitted).toEqual(["callback-1"]);
    expect(service.updates.at(-1)).toEqual({
      Id: id("1"),
      Name: "approval",
      Type: "CONTEXT",
      SubType: "WaitForCallback",
      Action: "SUCCEED",
      Payload: '"yes"',
    });
  });

  it("returns the answer as its serdes reads it, live and on replay", async () => {
    const service = new FakeService();
    const dateSerdes: Serdes<Date> = {
      serialize: async (value) => value?.toISOString(),
      deserialize: async (text) => (text === undefined ? undefined : new Date(text)),
    };
    const answers: unknown[] = [];
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      answers.push(
        await context.waitForCallback("due-date", async () => {}, { serdes: dateSerdes }),
      );
      return "scheduled";
    });
    await service.invoke(handler);
    service.change("1-1", {
      Status: "SUCCEEDED",
      CallbackDetails: { Result: "2026-03-01T00:00:00.000Z" },
    });

    await service.invoke(handler);
    await service.invoke(handler);

    expect(answers).toEqual([
      new Date("2026-03-01T00:00:00.000Z"),
      new Date("2026-03-01T00:00:00.000Z"),
    ]);
  });

  it("throws CallbackSubmitterError when the submitter fails on every attempt", async () => {
    const service = new FakeService();
    const handler = waitForApproval(() => {
      throw new Error("mail server down");
    });

    const live = await service.invoke(handler);
    const replayed = await service.invoke(handler);

    const expected = {
      Status: "SUCCEEDED",
      Result: JSON.stringify({
        error: "CallbackSubmitterError",
        message: "mail server down",
        isCallbackError: true,
      }),
    };
    expect(live).toEqual(expected);
    expect(replayed).toEqual(expected);
    // As the official SDK records it: the submitter step's own error, mapped when thrown.
    expect(service.operation("1")?.ContextDetails?.Error).toEqual({
      ErrorType: "StepError",
      ErrorMessage: "mail server down",
    });
  });

  it.each([
    ["FAILED", "CallbackExternalError", "over budget"],
    ["TIMED_OUT", "CallbackTimeoutError", "Callback timed out"],
  ] as const)(
    "throws the same error class live and on replay when the callback ends %s",
    async (status, errorClass, message) => {
      const service = new FakeService();
      await service.invoke(waitForApproval());
      service.change("1-1", {
        Status: status,
        CallbackDetails: { Error: { ErrorType: "Any", ErrorMessage: message } },
      });

      const live = await service.invoke(waitForApproval());
      const replayed = await service.invoke(waitForApproval());

      const expected = {
        Status: "SUCCEEDED",
        Result: JSON.stringify({ error: errorClass, message, isCallbackError: true }),
      };
      expect(live).toEqual(expected);
      expect(replayed).toEqual(expected);
      expect(service.operation("1")?.Status).toBe("FAILED");
    },
  );

  it("fails the execution when the submitter is not a function", async () => {
    const service = new FakeService();
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) =>
      context.waitForCallback("approval", "not a function" as never),
    );

    await expect(service.invoke(handler)).resolves.toEqual({
      Status: "FAILED",
      Error: {
        ErrorType: "DurableConfigError",
        ErrorMessage: 'waitForCallback "approval": expected a function, got string.',
      },
    });
  });
});
