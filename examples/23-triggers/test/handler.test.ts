import { fileURLToPath } from "node:url";
import { checkReplay, expectReplays, runDurable } from "@durable-examples/testing";
import { describe, expect, it } from "vitest";
import { handler } from "../src/handler.js";

const input = { name: "World" };

describe("23-triggers", () => {
  it("returns the message composed in its step", async () => {
    const run = await runDurable(handler, { input });
    console.log(run.timeline);

    expect(run.status).toBe("SUCCEEDED");
    expect(run.result).toEqual({ message: "Hello, World!" });
  });

  it("finishes the same way after a crash at any checkpoint", async () => {
    const report = await checkReplay(handler, { input });

    expect(report.crashPoints).toBeGreaterThan(0);
  });

  it("still replays every execution it has recorded (histories/)", async () => {
    await expectReplays(handler, fileURLToPath(new URL("../histories", import.meta.url)));
  });
});
