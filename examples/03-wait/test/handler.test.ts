import { fileURLToPath } from "node:url";
import { checkReplay, expectReplays, runDurable } from "@durable-examples/testing";
import { describe, expect, it } from "vitest";
import { handler } from "../src/handler.js";

const signup = { email: "ada@example.com", plan: "pro" };
const DAY_MS = 86_400_000;

describe("03-wait", () => {
  it("sends three emails over thirteen days of virtual time", async () => {
    const started = Date.now();
    const run = await runDurable(handler, { input: signup });
    console.log(run.timeline);

    expect(run.status).toBe("SUCCEEDED");
    expect(run.result).toEqual({
      email: "ada@example.com",
      sent: [
        "welcome-pro -> ada@example.com",
        "getting-started-tip -> ada@example.com",
        "trial-ends-tomorrow -> ada@example.com",
      ],
    });
    expect(run.elapsedMs).toBe(13 * DAY_MS);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("ends an invocation at each wait and runs each step once", async () => {
    const run = await runDurable(handler, { input: signup });

    expect(run.invocations.map((invocation) => invocation.outcome)).toEqual([
      "PENDING",
      "PENDING",
      "SUCCEEDED",
    ]);
    const starts = run.history
      .filter((event) => event.EventType === "StepStarted")
      .map((event) => event.Name);
    expect(starts).toEqual(["send-welcome", "send-tip", "send-reminder"]);
  });

  it("records each wait's length in seconds", async () => {
    const run = await runDurable(handler, { input: signup });

    const waits = run.history
      .filter((event) => event.EventType === "WaitStarted")
      .map((event) => [event.Name, event.WaitStartedDetails?.Duration]);
    expect(waits).toEqual([
      ["until-day-3", 3 * 86_400],
      ["until-day-13", 10 * 86_400],
    ]);
  });

  it("times out when the execution timeout is shorter than the waits", async () => {
    const run = await runDurable(handler, { input: signup, executionTimeoutSeconds: 5 * 86_400 });

    expect(run.status).toBe("TIMED_OUT");
    expect(run.operations.find((op) => op.Name === "send-reminder")).toBeUndefined();
  });

  it("finishes the same way after a crash at any checkpoint", async () => {
    await checkReplay(handler, { input: signup });
  });

  it("still replays every execution it has recorded (histories/)", async () => {
    await expectReplays(handler, fileURLToPath(new URL("../histories", import.meta.url)));
  });
});
