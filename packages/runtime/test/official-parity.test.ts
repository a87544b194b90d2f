// The parts of the public API that follow the official SDK's declarations, which
// packages/api-surface compares with ours: each block shows the behaviour behind a type.
import {
  type LambdaClient,
  OperationAction as SdkOperationAction,
  OperationStatus as SdkOperationStatus,
  OperationType as SdkOperationType,
} from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import {
  BatchCompletionError,
  BatchItemStatus,
  CompletionOutcome,
  type CompletionStatus,
  completeBatch,
  continueBatch,
  DurableExecutionClientError,
  DurableExecutionClientErrorScope,
  DurablePromise,
  type Duration,
  InvocationStatus,
  isDurableExecutionClientError,
  JitterStrategy,
  NestingType,
  OperationAction,
  OperationStatus,
  OperationSubType,
  OperationType,
  StepError,
  StepSemantics,
  withDurableExecution,
} from "../src/index.js";
import { FakeService, id } from "./helpers/fake-service.js";

describe("enums", () => {
  it("are TypeScript enums whose values are the strings on the wire", () => {
    expect(Object.entries(JitterStrategy)).toEqual([
      ["NONE", "NONE"],
      ["FULL", "FULL"],
      ["HALF", "HALF"],
    ]);
    expect(StepSemantics.AtMostOncePerRetry).toBe("AT_MOST_ONCE_PER_RETRY");
    expect(Object.values(BatchItemStatus)).toEqual(["SUCCEEDED", "FAILED", "STARTED"]);
    expect(Object.values(NestingType)).toEqual(["NESTED", "FLAT"]);
    expect(Object.values(CompletionOutcome)).toEqual(["SUCCEEDED", "FAILED"]);
    expect(Object.values(InvocationStatus)).toEqual(["SUCCEEDED", "FAILED", "PENDING"]);
    expect(OperationSubType.RUN_IN_CHILD_CONTEXT).toBe("RunInChildContext");
  });

  it("type the invocation's answer: a finished handler answers InvocationStatus.SUCCEEDED", async () => {
    const handler = withDurableExecution(async () => "done");
    const output = await new FakeService().invoke(handler);
    expect(output.Status).toBe(InvocationStatus.SUCCEEDED);
  });
});

describe("wire types", () => {
  it("declare the same operation types, statuses and actions as @aws-sdk/client-lambda", () => {
    expect(OperationType).toEqual({ ...SdkOperationType });
    expect(OperationStatus).toEqual({ ...SdkOperationStatus });
    expect(OperationAction).toEqual({ ...SdkOperationAction });
  });

  it("accept an event whose timestamps are JSON strings, as the official wire types allow", async () => {
    const service = new FakeService();
    const handler = withDurableExecution(async (_: unknown, context) => {
      await context.wait("pause", { seconds: 5 });
      return "resumed";
    });
    await service.invoke(handler);
    service.change("1", { Status: "SUCCEEDED" });
    const event = service.event();
    const asJson = JSON.parse(JSON.stringify(event));
    expect(asJson.InitialExecutionState.Operations[0].StartTimestamp).toBeTypeOf("string");
    await expect(
      handler({ ...asJson, durableExecutionClient: event.durableExecutionClient }),
    ).resolves.toEqual({ Status: "SUCCEEDED", Result: '"resumed"' });
  });
});

describe("Duration", () => {
  it("needs a unit to compile, and the runtime still refuses an empty one", async () => {
    // @ts-expect-error As in the official SDK, a duration without a unit is not a Duration.
    const empty: Duration = {};
    const handler = withDurableExecution(async (_: unknown, context) => {
      await context.wait("pause", empty);
    });
    const output = await new FakeService().invoke(handler);
    expect(output).toMatchObject({
      Status: "FAILED",
      Error: {
        ErrorType: "DurableConfigError",
        ErrorMessage:
          'wait "pause": duration needs at least one of days, hours, minutes, seconds, got {}.',
      },
    });
  });
});

describe("context.lambdaContext", () => {
  it("is the Lambda context of the invocation, typed as aws-lambda's Context", async () => {
    const seen: string[] = [];
    const handler = withDurableExecution(async (_: unknown, context) => {
      seen.push(
        context.lambdaContext.awsRequestId,
        String(context.lambdaContext.getRemainingTimeInMillis()),
      );
    });
    await new FakeService().invoke(handler);
    expect(seen).toEqual(["request-1", "900000"]);
  });
});

describe("context.logger.log", () => {
  it("writes at the level it is given, and refuses a level it does not know", async () => {
    const lines: string[] = [];
    const customLogger = {
      error: (...params: unknown[]) => lines.push(`error ${params.join(" ")}`),
      warn: (...params: unknown[]) => lines.push(`warn ${params.join(" ")}`),
      info: (...params: unknown[]) => lines.push(`info ${params.join(" ")}`),
      debug: (...params: unknown[]) => lines.push(`debug ${params.join(" ")}`),
    };
    const handler = withDurableExecution(async (_: unknown, context) => {
      context.configureLogger({ customLogger });
      context.logger.log?.("WARN", "disk", "low");
      context.logger.log?.("LOUD" as never, "ignored");
    });
    const output = await new FakeService().invoke(handler);
    expect(lines).toEqual(["warn disk low"]);
    expect(output).toMatchObject({
      Status: "FAILED",
      Error: {
        ErrorType: "DurableConfigError",
        ErrorMessage: 'logger.log: level must be one of DEBUG, INFO, WARN, ERROR, got "LOUD".',
      },
    });
  });
});

describe("durable operation errors", () => {
  it("take the official constructor arguments: message, cause, errorData", () => {
    const cause = new RangeError("card declined");
    const error = new StepError("charge failed", cause, '{"code":51}');
    expect([error.message, error.cause, error.errorData, error.errorType]).toEqual([
      "charge failed",
      cause,
      '{"code":51}',
      "StepError",
    ]);
    expect(new StepError().message).toBe("Step failed");
    expect(new StepError().errorData).toBeUndefined();
  });

  it("rebuild the same class from a recorded error, with the cause named after its ErrorType", () => {
    const error = StepError.fromErrorObject({
      ErrorType: "RangeError",
      ErrorMessage: "card declined",
      ErrorData: "51",
    });
    expect(error).toBeInstanceOf(StepError);
    expect([error.message, error.cause?.name, error.errorData]).toEqual([
      "card declined",
      "RangeError",
      "51",
    ]);
  });

  it("BatchCompletionError carries its completion reason before the message", () => {
    const error = new BatchCompletionError("CUSTOM_COMPLETION_FAILED");
    expect([error.completionReason, error.message, error.errorType]).toEqual([
      "CUSTOM_COMPLETION_FAILED",
      "Batch completed as failed (CUSTOM_COMPLETION_FAILED)",
      "BatchCompletionError",
    ]);
  });
});

describe("DurableExecutionClientError", () => {
  it("defaults to the INVOCATION scope and is recognised by its marker, not its class", () => {
    expect(new DurableExecutionClientError("throttled").scope).toBe("INVOCATION");
    const foreign = Object.assign(new Error("from another copy"), {
      isDurableExecutionClientError: true,
      scope: DurableExecutionClientErrorScope.EXECUTION,
    });
    expect(isDurableExecutionClientError(foreign)).toBe(true);
    expect(
      isDurableExecutionClientError(Object.assign(new Error("x"), { scope: "EXECUTION" })),
    ).toBe(false);
    expect(
      isDurableExecutionClientError(
        Object.assign(new Error("x"), { isDurableExecutionClientError: true, scope: "SOMETIMES" }),
      ),
    ).toBe(false);
  });

  it("thrown by a client of your own decides the outcome: EXECUTION fails the execution", async () => {
    const service = new FakeService();
    const event = service.event();
    event.durableExecutionClient = {
      getExecutionState: (request) => service.client.getExecutionState(request),
      checkpoint: async () => {
        throw Object.assign(new Error("quota exhausted"), {
          isDurableExecutionClientError: true,
          scope: "EXECUTION",
        });
      },
    };
    const handler = withDurableExecution(async (_: unknown, context) =>
      context.step("work", () => 1),
    );
    await expect(handler(event)).resolves.toMatchObject({
      Status: "FAILED",
      Error: { ErrorMessage: "CheckpointDurableExecution failed: quota exhausted" },
    });
  });
});

describe("withDurableExecution's client option", () => {
  it("sends the two service calls through the LambdaClient it is given", async () => {
    const service = new FakeService();
    const { durableExecutionClient: _injected, ...event } = service.event();
    const sent: string[] = [];
    const client = {
      send: async (command: { constructor: { name: string }; input: never }) => {
        sent.push(command.constructor.name);
        return command.constructor.name === "CheckpointDurableExecutionCommand"
          ? service.client.checkpoint(command.input)
          : service.client.getExecutionState(command.input);
      },
    } as unknown as LambdaClient;
    const handler = withDurableExecution(
      async (_: unknown, context) => context.step("work", () => 1),
      { client },
    );
    await expect(handler(event)).resolves.toEqual({ Status: "SUCCEEDED", Result: "1" });
    expect(sent).toEqual(["CheckpointDurableExecutionCommand"]);
  });
});

describe("custom batch completion", () => {
  it("hands shouldComplete the started items by index, name and status", async () => {
    const statuses: CompletionStatus[] = [];
    const handler = withDurableExecution(async (_: unknown, context) => {
      const batch = await context.map(
        "double",
        [1, 2, 3],
        async (item, value) => item.step(() => value * 2),
        {
          maxConcurrency: 1,
          itemNamer: (value) => `item-${value}`,
          completionConfig: {
            shouldComplete: (status) => {
              statuses.push(structuredClone(status));
              return status.completedCount === 2 ? completeBatch() : continueBatch();
            },
          },
        },
      );
      return [batch.completionReason, batch.succeeded().map((item) => item.result)];
    });
    await expect(new FakeService().invoke(handler)).resolves.toEqual({
      Status: "SUCCEEDED",
      Result: '["CUSTOM_COMPLETION_SUCCEEDED",[2,4]]',
    });
    expect(statuses.map((status) => status.items)).toEqual([
      [{ index: 0, name: "item-1", status: "SUCCEEDED" }],
      [
        { index: 0, name: "item-1", status: "SUCCEEDED" },
        { index: 1, name: "item-2", status: "SUCCEEDED" },
      ],
    ]);
  });

  it("completeBatch refuses an outcome that is not a CompletionOutcome", () => {
    expect(() => completeBatch("DONE" as never)).toThrow(
      "completeBatch: outcome must be SUCCEEDED or FAILED, got DONE.",
    );
    expect(completeBatch(CompletionOutcome.FAILED)).toEqual({ complete: true, outcome: "FAILED" });
  });
});

describe("runInChildContext with virtualContext", () => {
  it("records no CONTEXT operation: its steps are the caller's, and replay runs the function again", async () => {
    const service = new FakeService();
    let bodies = 0;
    const handler = withDurableExecution(async (_: unknown, context) => {
      const total = await context.runInChildContext(
        "totals",
        async (child) => {
          const a = await child.step("a", () => {
            bodies += 1;
            return 2;
          });
          await child.wait("settle", { seconds: 5 });
          return a * 10;
        },
        { virtualContext: true },
      );
      return total;
    });

    await expect(service.invoke(handler)).resolves.toEqual({ Status: "PENDING" });
    expect(service.updates.map((u) => [u.Action, u.Type, u.Name, u.Id, u.ParentId])).toEqual([
      ["START", "STEP", "a", id("1-1"), undefined],
      ["SUCCEED", "STEP", "a", id("1-1"), undefined],
      ["START", "WAIT", "settle", id("1-2"), undefined],
    ]);
    service.change("1-2", { Status: "SUCCEEDED" });
    await expect(service.invoke(handler)).resolves.toEqual({ Status: "SUCCEEDED", Result: "20" });
    expect(bodies).toBe(1);
  });
});

describe("DurablePromise", () => {
  it("tells whether its work has started, and names itself as the official one does", async () => {
    const lazy = new DurablePromise(async () => 1, false);
    expect([lazy.isExecuted, String(lazy)]).toEqual([false, "[object DurablePromise]"]);
    await expect(lazy).resolves.toBe(1);
    expect(lazy.isExecuted).toBe(true);
  });
});
