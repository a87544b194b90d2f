import { describe, expect, it } from "vitest";
import {
  ChildContextError,
  type DurableContext,
  retryPresets,
  StepError,
  withDurableExecution,
  withRetry,
} from "../src/index.js";
import type { RetryableFunc, WithRetryConfig } from "../src/with-retry.js";
import { FakeService } from "./helpers/fake-service.js";

/** A block whose step fails on the attempts listed in `failing`, and that records what it saw. */
function flakyBlock(failing: number[], seen: number[]): RetryableFunc<string> {
  return async (ctx, attempt) => {
    seen.push(attempt);
    return ctx.step(
      `charge-${attempt}`,
      () => {
        if (failing.includes(attempt)) throw new Error(`declined on attempt ${attempt}`);
        return `charged on attempt ${attempt}`;
      },
      { retryStrategy: retryPresets.noRetry },
    );
  };
}

const twoAttempts: WithRetryConfig<string> = {
  retryStrategy: (_, attempt) => ({ shouldRetry: attempt < 2, delay: { seconds: 30 } }),
};

/** Name, type, subtype and action of each update, with the wait's seconds. */
function layout(service: FakeService): string[] {
  return service.updates.map((update) =>
    [
      update.Type,
      update.SubType,
      update.Name ?? "(unnamed)",
      update.Action,
      update.WaitOptions?.WaitSeconds ?? "",
    ]
      .join(" ")
      .trim(),
  );
}

describe("withRetry", () => {
  it("runs the block again after a backoff wait named after the call, inside one child context", async () => {
    const service = new FakeService();
    const seen: number[] = [];
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) =>
      withRetry(context, "payment", flakyBlock([1], seen), twoAttempts),
    );

    await expect(service.invoke(handler)).resolves.toEqual({ Status: "PENDING" });
    service.change("1-2", { Status: "SUCCEEDED" });
    await expect(service.invoke(handler)).resolves.toEqual({
      Status: "SUCCEEDED",
      Result: '"charged on attempt 2"',
    });

    expect(seen).toEqual([1, 1, 2]);
    expect(layout(service)).toEqual([
      "CONTEXT RunInChildContext payment START",
      "STEP Step charge-1 START",
      "STEP Step charge-1 FAIL",
      "WAIT Wait payment-backoff-1 START 30",
      "STEP Step charge-2 START",
      "STEP Step charge-2 SUCCEED",
      "CONTEXT RunInChildContext payment SUCCEED",
    ]);
    expect(service.operation("1-3")?.Name).toBe("charge-2");
  });

  it("returns the stored result of a finished block without running it", async () => {
    const service = new FakeService();
    const seen: number[] = [];
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) =>
      withRetry(context, "payment", flakyBlock([], seen), twoAttempts),
    );
    await service.invoke(handler);

    await expect(service.invoke(handler)).resolves.toEqual({
      Status: "SUCCEEDED",
      Result: '"charged on attempt 1"',
    });
    expect(seen).toEqual([1]);
  });

  it("leaves the context and the waits unnamed without a name", async () => {
    const service = new FakeService();
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) =>
      withRetry(context, flakyBlock([1], []), twoAttempts),
    );

    await service.invoke(handler);

    expect(layout(service)).toEqual([
      "CONTEXT RunInChildContext (unnamed) START",
      "STEP Step charge-1 START",
      "STEP Step charge-1 FAIL",
      "WAIT Wait (unnamed) START 30",
    ]);
  });

  it("waits 1 second when the strategy gives no delay", async () => {
    const service = new FakeService();
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) =>
      withRetry(context, "payment", flakyBlock([1], []), {
        retryStrategy: (_error, attempt) => ({ shouldRetry: attempt < 2 }),
      }),
    );

    await service.invoke(handler);

    expect(service.updates.at(-1)?.WaitOptions).toEqual({ WaitSeconds: 1 });
  });

  it("throws a ChildContextError caused by the last attempt's StepError once the strategy gives up", async () => {
    const service = new FakeService();
    const errors: Error[] = [];
    const strategyArguments: [string, number][] = [];
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      try {
        return await withRetry(context, "payment", flakyBlock([1, 2], []), {
          retryStrategy: (error, attempt) => {
            strategyArguments.push([error.name, attempt]);
            return twoAttempts.retryStrategy(error, attempt);
          },
        });
      } catch (error) {
        errors.push(error as Error);
        throw error;
      }
    });
    await service.invoke(handler);
    service.change("1-2", { Status: "SUCCEEDED" });

    await expect(service.invoke(handler)).resolves.toMatchObject({
      Status: "FAILED",
      Error: { ErrorType: "ChildContextError", ErrorMessage: "declined on attempt 2" },
    });
    expect(errors[0]).toBeInstanceOf(ChildContextError);
    expect((errors[0]!.cause as Error).name).toBe("StepError");
    expect(strategyArguments).toEqual([
      ["StepError", 1],
      ["StepError", 1],
      ["StepError", 2],
    ]);
  });

  it("runs in the caller's context and throws the last error as is with wrapWithRunInChildContext: false", async () => {
    const service = new FakeService();
    const errors: unknown[] = [];
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      try {
        return await withRetry(context, "payment", flakyBlock([1], []), {
          retryStrategy: () => ({ shouldRetry: false }),
          wrapWithRunInChildContext: false,
        });
      } catch (error) {
        errors.push(error);
        return "gave up";
      }
    });

    await service.invoke(handler);

    expect(errors[0]).toBeInstanceOf(StepError);
    expect(layout(service)).toEqual(["STEP Step charge-1 START", "STEP Step charge-1 FAIL"]);
  });

  it("passes childContextConfig to the wrapping context", async () => {
    const service = new FakeService();
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) =>
      withRetry(context, "payment", flakyBlock([], []), {
        ...twoAttempts,
        childContextConfig: { subType: "PaymentRetry" },
      }),
    );

    await service.invoke(handler);

    expect(service.updates[0]).toMatchObject({ Type: "CONTEXT", SubType: "PaymentRetry" });
  });

  it("fails the execution when the config has no retry strategy", async () => {
    const service = new FakeService();
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) =>
      withRetry(context, "payment", flakyBlock([], []), undefined as never),
    );

    await expect(service.invoke(handler)).resolves.toEqual({
      Status: "FAILED",
      Error: {
        ErrorType: "DurableConfigError",
        ErrorMessage:
          'withRetry "payment": config.retryStrategy must be a function, got no config. Pass one, e.g. createRetryStrategy({ maxAttempts: 3 }).',
      },
    });
    expect(service.updates).toEqual([]);
  });
});
