import { fileURLToPath } from "node:url";
import { checkReplay, expectReplays, runDurable } from "@durable-examples/testing";
import { describe, expect, it } from "vitest";
import { handler } from "../src/handler.js";

describe("01-hello-step", () => {
  it("greets by name in one invocation", async () => {
    const run = await runDurable(handler, { input: { name: "World" } });
    console.log(run.timeline);

    expect(run.status).toBe("SUCCEEDED");
    expect(run.result).toEqual({ message: "Hello, World!", words: 2 });
    expect(run.invocations).toHaveLength(1);
    expect(run.operations.map((op) => [op.Name, op.Status])).toEqual([
      [undefined, "SUCCEEDED"],
      ["compose-message", "SUCCEEDED"],
      ["count-words", "SUCCEEDED"],
    ]);
  });

  it("stores each step's result in the checkpoint log", async () => {
    const run = await runDurable(handler, { input: { name: "Ada" } });

    expect(run.getOperation("compose-message").StepDetails?.Result).toBe('"Hello, Ada!"');
    expect(run.getOperation("count-words").StepDetails?.Result).toBe("2");
  });

  it("logs once, from the invocation that did the work", async () => {
    const run = await runDurable(handler, { input: { name: "World" } });

    expect(run.logs.filter((log) => log.message === "greeting ready { words: 2 }")).toHaveLength(1);
  });

  it("fails the execution, with nothing checkpointed, when the input has no name", async () => {
    const run = await runDurable(handler, { input: { nickname: "Ada" } });

    expect(run.status).toBe("FAILED");
    expect(run.error).toEqual({
      ErrorType: "TypeError",
      ErrorMessage: 'Input needs a non-empty "name" string, got {"nickname":"Ada"}.',
    });
    expect(run.operations).toHaveLength(1);
  });

  it("finishes the same way after a crash at any checkpoint", async () => {
    const report = await checkReplay(handler, { input: { name: "World" } });

    expect(report.crashPoints).toBeGreaterThan(0);
  });

  it("still replays every execution it has recorded (histories/)", async () => {
    await expectReplays(handler, fileURLToPath(new URL("../histories", import.meta.url)));
  });
});
