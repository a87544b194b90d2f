import { fileURLToPath } from "node:url";
import {
  type CallbackAnswer,
  checkReplay,
  expectReplays,
  runDurable,
  startDurable,
} from "@durable-examples/testing";
import { describe, expect, it } from "vitest";
import { handler, type TranscodeRequest } from "../src/handler.js";

const request: TranscodeRequest = {
  videoId: "v-7f3a",
  source: "s3://uploads/v-7f3a.mov",
  renditions: ["1080p", "720p"],
};
const MINUTE_MS = 60_000;
const output = { outputs: ["v-7f3a/1080p.mp4", "v-7f3a/720p.mp4"], durationSeconds: 754 };

/** A worker that sends a heartbeat every `every` minutes, up to and including minute `until`. */
function heartbeats(every: number, until: number): CallbackAnswer[] {
  const answers: CallbackAnswer[] = [];
  for (let minute = every; minute <= until; minute += every) {
    answers.push({ name: "transcode", heartbeat: true, after: { minutes: minute } });
  }
  return answers;
}

describe("05-heartbeats", () => {
  it("keeps waiting while the worker sends heartbeats, then publishes", async () => {
    const run = await runDurable(handler, {
      input: request,
      callbacks: [
        ...heartbeats(10, 40),
        { name: "transcode", succeed: output, after: { minutes: 45 } },
      ],
    });
    console.log(run.timeline);

    expect(run.status).toBe("SUCCEEDED");
    expect(run.result).toEqual({ videoId: "v-7f3a", status: "published", outputs: output.outputs });
    // 45 minutes is three times the heartbeat timeout: only the heartbeats kept the job alive.
    expect(run.elapsedMs).toBe(45 * MINUTE_MS);
    // A heartbeat does not wake the function: one invocation to submit, one for the result.
    expect(run.invocations).toHaveLength(2);
  });

  it("gives up 15 minutes after the last heartbeat when the worker dies", async () => {
    const run = await runDurable(handler, { input: request, callbacks: heartbeats(10, 30) });
    console.log(run.timeline);

    expect(run.result).toEqual({
      videoId: "v-7f3a",
      status: "stalled",
      reason: "no heartbeat for 15 minutes",
    });
    expect(run.elapsedMs).toBe((30 + 15) * MINUTE_MS);
    const timedOut = run.history.find((event) => event.EventType === "CallbackTimedOut");
    expect(timedOut?.CallbackTimedOutDetails?.Error?.Payload?.ErrorType).toBe("Callback.Heartbeat");
    expect(run.getOperation("page-on-call").StepDetails?.Result).toBe(
      '"paged: transcode of v-7f3a stalled"',
    );
  });

  it("stalls 15 minutes after submitting when the worker never starts", async () => {
    const run = await runDurable(handler, { input: request });

    expect(run.result).toMatchObject({ status: "stalled" });
    expect(run.elapsedMs).toBe(15 * MINUTE_MS);
  });

  it("lets the test play the worker: each heartbeat buys 15 more minutes", async () => {
    const execution = startDurable(handler, { input: request });
    const job = await execution.callback("transcode");
    for (let i = 0; i < 5; i++) {
      await execution.advance({ minutes: 14 });
      await job.heartbeat();
    }
    await execution.advance({ minutes: 14 });
    await job.succeed(output);
    const run = await execution.result();

    expect(run.result).toMatchObject({ status: "published" });
    expect(run.elapsedMs).toBe(6 * 14 * MINUTE_MS);
  });

  it("refuses a heartbeat from a worker that was already given up on", async () => {
    const execution = startDurable(handler, { input: request });
    const job = await execution.callback("transcode");
    await execution.advance({ minutes: 20 });

    // The worker learns from the refusal that nobody waits for its result any more.
    await expect(job.heartbeat()).rejects.toMatchObject({
      name: "CallbackTimeoutException",
      message: expect.stringMatching(/timed out .* and can no longer be completed/),
    });
    const run = await execution.result();
    expect(run.result).toMatchObject({ status: "stalled" });
  });

  it("gives up after 6 hours even if the worker still sends heartbeats", async () => {
    const run = await runDurable(handler, { input: request, callbacks: heartbeats(10, 7 * 60) });

    expect(run.result).toEqual({
      videoId: "v-7f3a",
      status: "too-slow",
      reason: "not finished within 6 hours",
    });
    expect(run.elapsedMs).toBe(6 * 60 * MINUTE_MS);
  });

  it("reports a failure the worker sends", async () => {
    const run = await runDurable(handler, {
      input: request,
      callbacks: [
        ...heartbeats(10, 20),
        {
          name: "transcode",
          fail: { ErrorType: "TranscodeFailed", ErrorMessage: "unsupported codec: ProRes RAW" },
          after: { minutes: 25 },
        },
      ],
    });

    expect(run.result).toEqual({
      videoId: "v-7f3a",
      status: "failed",
      reason: "unsupported codec: ProRes RAW",
    });
    expect(() => run.getOperation("publish")).toThrow();
  });

  it.each([
    [
      "a finished job",
      [...heartbeats(10, 40), { name: "transcode", succeed: output, after: { minutes: 45 } }],
    ],
    ["a stalled job", heartbeats(10, 30)],
  ])("finishes the same way after a crash at any checkpoint: %s", async (_, callbacks) => {
    await checkReplay(handler, { input: request, callbacks });
  });

  it("still replays every execution it has recorded (histories/)", async () => {
    await expectReplays(handler, fileURLToPath(new URL("../histories", import.meta.url)));
  });
});
