import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  checkReplay,
  expectReplays,
  loadHistory,
  ReplayCheckError,
  replayHistory,
  resumeHistory,
  runDurable,
  startDurable,
} from "@durable-examples/testing";
import { describe, expect, it } from "vitest";
import { countInAVariable, renamedFirstStep } from "../src/changes.js";
import { type Draft, handler, renderPreview } from "../src/handler.js";

const draft: Draft = {
  articleId: "a-24",
  title: "Durable functions, tested",
  body: "Every replay takes the path the first run took.",
  embargoDays: 30,
};
/** The function the workflow invokes, stubbed by name: a plain Lambda handler. */
const functions = { "render-preview": { handler: renderPreview, durable: false } };
const approve = { name: "editor-review", succeed: { approved: true, editor: "ed@example.com" } };
const histories = fileURLToPath(new URL("../histories", import.meta.url));

describe("1. A first test", () => {
  it("runs the handler to the end and shows what happened", async () => {
    const run = await runDurable(handler, { input: draft, functions, callbacks: [approve] });
    console.log(run.timeline);

    expect(run.status).toBe("SUCCEEDED");
    expect(run.result).toEqual({
      status: "published",
      articleId: "a-24",
      url: "https://news.example.com/a-24",
      words: 9,
      approvedBy: "ed@example.com",
    });
  });
});

describe("2. Virtual time", () => {
  it("takes no time over a 30-day embargo", async () => {
    const run = await runDurable(handler, { input: draft, functions, callbacks: [approve] });

    expect(run.elapsedMs).toBe(30 * 86_400_000);
    expect(run.invocations).toHaveLength(4);
  });

  it("moves the clock when the test says", async () => {
    const execution = startDurable(handler, { input: draft, functions, callbacks: [approve] });
    await execution.advance({ days: 29 });
    const early = await execution.toHistory();

    expect(early.status).toBe("RUNNING");
    await execution.advance({ days: 1 });
    expect((await execution.result()).result).toMatchObject({ status: "published" });
  });
});

describe("3. Callbacks", () => {
  it("answers a declared callback after a delay", async () => {
    const run = await runDurable(handler, {
      input: draft,
      functions,
      callbacks: [{ ...approve, after: { hours: 5 } }],
    });

    expect(run.elapsedMs).toBe(5 * 3_600_000 + 30 * 86_400_000);
  });

  it("lets the test answer, as the review page would", async () => {
    const execution = startDurable(handler, { input: draft, functions });
    const review = await execution.callback("editor-review");
    await review.succeed({ approved: false, editor: "ed@example.com" });

    expect((await execution.result()).result).toEqual({
      status: "rejected",
      articleId: "a-24",
      by: "ed@example.com",
    });
  });

  it("fails a callback from the test", async () => {
    const execution = startDurable(handler, { input: draft, functions });
    await (await execution.callback("editor-review")).fail("Review tool is down");
    const run = await execution.result();

    expect(run.status).toBe("FAILED");
    expect(run.error?.ErrorMessage).toBe("The review failed: Review tool is down");
  });

  it("lets a callback nobody answers time out", async () => {
    const run = await runDurable(handler, {
      input: draft,
      functions,
      callbacks: [{ name: "editor-review", never: true }],
    });

    expect(run.result).toEqual({ status: "expired", articleId: "a-24" });
    expect(run.elapsedMs).toBe(2 * 86_400_000);
  });
});

describe("4. Invoked functions", () => {
  it("calls the stub with the input the handler gave", async () => {
    const seen: Draft[] = [];
    const recording = {
      "render-preview": {
        handler: async (article: Draft) => {
          seen.push(article);
          return "preview";
        },
        durable: false,
      },
    };
    await runDurable(handler, { input: draft, functions: recording, callbacks: [approve] });

    expect(seen).toEqual([draft]);
  });

  it("fails the execution when the invoked function fails", async () => {
    const failing = {
      "render-preview": {
        handler: async () => {
          throw new Error("Renderer out of memory");
        },
        durable: false,
      },
    };
    const run = await runDurable(handler, { input: draft, functions: failing });

    expect(run.status).toBe("FAILED");
    expect(run.error?.ErrorType).toBe("InvokeError");
  });
});

describe("5. Faults and crashes", () => {
  it.each(["throttling", "server-error", "network-error", "lost-response", "stale-token"] as const)(
    "ends the same after a %s on a checkpoint call",
    async (kind) => {
      const run = await runDurable(handler, {
        input: draft,
        functions,
        callbacks: [approve],
        faults: [{ atCheckpoint: 2, kind }],
      });

      expect(run.invocations[0]?.outcome).toBe("THREW");
      expect(run.result).toMatchObject({ status: "published" });
    },
  );

  it("ends the same after the function dies at a checkpoint", async () => {
    const run = await runDurable(handler, {
      input: draft,
      functions,
      callbacks: [approve],
      crash: { atCheckpoint: 1, when: "after-apply" },
    });

    expect(run.invocations[0]?.outcome).toBe("CRASHED");
    expect(run.result).toMatchObject({ status: "published" });
  });
});

describe("6. Replay checks", () => {
  it("crashes the function at every checkpoint and compares each ending", async () => {
    const report = await checkReplay(handler, { input: draft, functions, callbacks: [approve] });

    expect(report.skipped).toBe(0);
    expect(report.crashPoints).toBe(2 * report.baseline.checkpointCount);
  });

  it("names the crash point and the difference when a handler has a replay bug", async () => {
    const error = await checkReplay(countInAVariable, { input: draft }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ReplayCheckError);
    expect((error as Error).message).toMatch(
      /^Replay check failed at \d+ of \d+ crash points\. First: crash .+: result \{"words":0\}, first run \{"words":9\}/,
    );
  });
});

describe("7. Recorded histories", () => {
  it("replays every execution recorded in histories/", async () => {
    await expectReplays(handler, histories, { functions });
  });

  it("says why changed code cannot take over an execution in flight", async () => {
    const verdict = await replayHistory(
      renamedFirstStep,
      loadHistory(`${histories}/awaiting-review.json`),
    );

    expect(verdict.compatible).toBe(false);
    expect(verdict.message).toMatch(
      /^Not compatible: at operation 1 the history has step "count-words", but the code asked for step "word-count"/,
    );
  });

  it("runs a recorded execution to its end on the current code", async () => {
    const run = await resumeHistory(handler, loadHistory(`${histories}/in-embargo.json`), {
      functions,
    });

    expect(run.result).toMatchObject({ status: "published", approvedBy: "ed@example.com" });
  });
});

describe("8. The timeline", () => {
  it("is a line per event, with the virtual time it happened", async () => {
    const run = await runDurable(handler, { input: draft, functions, callbacks: [approve] });

    expect(run.timeline).toContain(
      '+30d       step "publish" succeeded: "https://news.example.com/a-24"',
    );
  });
});

describe("This guide", () => {
  it("quotes the tests above as they are", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const tests = readFileSync(fileURLToPath(import.meta.url), "utf8");
    const quoted = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map(([, code]) => code!);

    expect(quoted).toHaveLength(16);
    for (const code of quoted) {
      expect(tests).toContain(code.replace(/^(?=.)/gm, "  "));
    }
  });
});
