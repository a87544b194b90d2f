import { describe, expect, it } from "vitest";
import {
  type DurableContext,
  InvokeError,
  type Serdes,
  withDurableExecution,
} from "../../src/index.js";
import { FakeService, id } from "../helpers/fake-service.js";

/** Charges through another function; returns its receipt or the error's class and message. */
const charge = withDurableExecution(async (_: unknown, context: DurableContext) => {
  try {
    return await context.invoke("charge", "payments:live", { amount: 42 }, { tenantId: "t-7" });
  } catch (error) {
    return { error: (error as Error).name, message: (error as Error).message };
  }
});

describe("context.invoke", () => {
  it("checkpoints CHAINED_INVOKE START with the JSON input and the function, then suspends", async () => {
    const service = new FakeService();

    await expect(service.invoke(charge)).resolves.toEqual({ Status: "PENDING" });
    expect(service.updates).toEqual([
      {
        Id: id("1"),
        Name: "charge",
        Type: "CHAINED_INVOKE",
        SubType: "ChainedInvoke",
        Action: "START",
        Payload: '{"amount":42}',
        ChainedInvokeOptions: { FunctionName: "payments:live", TenantId: "t-7" },
      },
    ]);
  });

  it("takes the first argument as the function when the second is not a string", async () => {
    const service = new FakeService();
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) =>
      context.invoke("tax-calculator", { amount: 100 }),
    );

    await service.invoke(handler);

    expect(service.updates[0]).toEqual({
      Id: id("1"),
      Type: "CHAINED_INVOKE",
      SubType: "ChainedInvoke",
      Action: "START",
      Payload: '{"amount":100}',
      ChainedInvokeOptions: { FunctionName: "tax-calculator" },
    });
  });

  it("suspends again without a second START while the invoked function runs", async () => {
    const service = new FakeService();
    await service.invoke(charge);

    await expect(service.invoke(charge)).resolves.toEqual({ Status: "PENDING" });
    expect(service.requests).toHaveLength(1);
  });

  it("returns the function's result once the invoke succeeded", async () => {
    const service = new FakeService();
    await service.invoke(charge);
    service.change("1", {
      Status: "SUCCEEDED",
      ChainedInvokeDetails: { Result: '{"receipt":"r-1"}' },
    });

    await expect(service.invoke(charge)).resolves.toEqual({
      Status: "SUCCEEDED",
      Result: '{"receipt":"r-1"}',
    });
  });

  it.each(["FAILED", "TIMED_OUT", "STOPPED"] as const)(
    "throws InvokeError with the recorded message when the invoke ended %s",
    async (status) => {
      const service = new FakeService();
      await service.invoke(charge);
      service.change("1", {
        Status: status,
        ChainedInvokeDetails: { Error: { ErrorType: "CardDeclined", ErrorMessage: "declined" } },
      });

      await expect(service.invoke(charge)).resolves.toEqual({
        Status: "SUCCEEDED",
        Result: JSON.stringify({ error: "InvokeError", message: "declined" }),
      });
    },
  );

  it("keeps the recorded error as the cause of InvokeError", async () => {
    const service = new FakeService().record("1", {
      Type: "CHAINED_INVOKE",
      SubType: "ChainedInvoke",
      Status: "FAILED",
      ChainedInvokeDetails: { Error: { ErrorType: "CardDeclined", ErrorMessage: "declined" } },
    });
    let caught: unknown;
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      caught = await context.invoke("payments:live", {}).catch((error: unknown) => error);
      return "handled";
    });

    await service.invoke(handler);

    expect(caught).toBeInstanceOf(InvokeError);
    expect((caught as InvokeError).cause).toMatchObject({
      name: "CardDeclined",
      message: "declined",
    });
  });

  it("sends the input and reads the result with the serdes it is given", async () => {
    const service = new FakeService();
    const upper: Serdes<string> = {
      serialize: async (value) => value?.toUpperCase(),
      deserialize: async (text) => text?.toLowerCase(),
    };
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) =>
      context.invoke<string, string>("shout", "echo", "hello", {
        payloadSerdes: upper,
        resultSerdes: upper,
      }),
    );
    await service.invoke(handler);
    service.change("1", { Status: "SUCCEEDED", ChainedInvokeDetails: { Result: "WORLD" } });

    await expect(service.invoke(handler)).resolves.toEqual({
      Status: "SUCCEEDED",
      Result: '"world"',
    });
    expect(service.updates[0]?.Payload).toBe("HELLO");
  });

  it.each([
    ["", 'invoke "charge": expected the function\'s name or ARN, got "".'],
    [undefined, "invoke: expected the function's name or ARN, got undefined."],
  ])("fails the execution when the function name is %j", async (functionName, message) => {
    const service = new FakeService();
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) =>
      functionName === undefined
        ? context.invoke(undefined as never)
        : context.invoke("charge", functionName, {}),
    );

    await expect(service.invoke(handler)).resolves.toEqual({
      Status: "FAILED",
      Error: { ErrorType: "DurableConfigError", ErrorMessage: message },
    });
    expect(service.requests).toEqual([]);
  });
});
