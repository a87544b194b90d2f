import { type DurableContext, retryPresets, withDurableExecution } from "@durable-examples/runtime";
import { describe, expect, it } from "vitest";
import { runDurable } from "../src/index.js";

describe("limits, as the runtime and the service agree on them", () => {
  it("keeps a result near 6 MB, counted in bytes, in the checkpoint log", async () => {
    // 6,291,442 bytes of JSON: under 6 MB, but not with the response around it.
    const text = "é".repeat(3_145_720);
    const handler = withDurableExecution(async () => text);
    const run = await runDurable(handler);

    expect(run.status).toBe("SUCCEEDED");
    expect(run.result).toBe(text);
    expect(run.checkpointCount).toBe(1);
  });

  it("fails an execution whose result is over 6 MB, saying what to do", async () => {
    const handler = withDurableExecution(async () => "é".repeat(3_200_000));
    const run = await runDurable(handler);

    expect(run.status).toBe("FAILED");
    expect(run.error).toEqual({
      ErrorType: "PayloadTooLargeError",
      ErrorMessage:
        "The handler's result is 6400002 bytes once serialized; a durable execution's result may be at most 6291456 bytes (6 MB). Store large data elsewhere (S3, DynamoDB) and return a reference to it.",
    });
  });

  it("cuts a step error too large for a checkpoint, so the step fails where the handler catches it", async () => {
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      try {
        await context.step(
          "parse",
          () => {
            throw new SyntaxError(`bad document: ${"x".repeat(100_000)}`);
          },
          { retryStrategy: retryPresets.noRetry },
        );
        return "parsed";
      } catch (error) {
        const cause = (error as Error).cause as Error;
        return { name: cause.name, length: cause.message.length, end: cause.message.slice(-39) };
      }
    });
    const run = await runDurable(handler);

    expect(run.status).toBe("SUCCEEDED");
    expect(run.result).toMatchObject({
      name: "SyntaxError",
      end: "[truncated: the error was 100059 bytes]",
    });
    expect((run.result as { length: number }).length).toBeLessThan(32_768);
  });

  it("refuses an input over 6 MB, counted in bytes", async () => {
    const handler = withDurableExecution(async () => "never runs");
    await expect(runDurable(handler, { input: "é".repeat(3_200_000) })).rejects.toThrow(
      "input must be at most 6291456 bytes (6 MB, Lambda's Invoke limit), got 6400002.",
    );
  });
});
