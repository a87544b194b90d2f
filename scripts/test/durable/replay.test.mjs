import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { historyJson, runDurable as runHarness, startDurable } from "@durable-examples/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { main } from "../../durable.mjs";
import { handler as v1 } from "../fixtures/waiting-handler/v1.ts";
import { runDurable } from "./helpers/fake-lambda.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const versions = join(here, "..", "fixtures", "waiting-handler");
const input = { orderId: "order-7" };

describe("durable replay", () => {
  let folder;
  const run = (argv) => runDurable(main, argv);
  beforeAll(async () => {
    // One execution waiting for its approval, one that finished, recorded on v1.
    folder = join(mkdtempSync(join(tmpdir(), "durable-replay-")), "histories");
    mkdirSync(folder);
    const waiting = await startDurable(v1, { input }).toHistory();
    const finished = await runHarness(v1, {
      input,
      callbacks: [{ name: "approval", succeed: "grace" }],
    });
    writeFileSync(join(folder, "waiting.json"), historyJson(waiting));
    writeFileSync(join(folder, "finished.json"), historyJson(finished.toHistory()));
  });

  it("says each history of a folder can go on under a safe change, and what comes next", async () => {
    const { code, stdout, stderr } = await run([
      "replay",
      folder,
      "--handler",
      join(versions, "v2-safe.ts"),
    ]);

    expect(stderr).toMatch(
      /^\[durable\] every execution can go on under .*v2-safe\.ts \(1 compatible, 1 completed\)\n$/,
    );
    expect(code).toBe(0);
    expect(stdout).toBe(
      `${join(folder, "finished.json")}: completed (SUCCEEDED), never runs again\n` +
        "  Completed (SUCCEEDED): Lambda never invokes an ended execution again, so no change to the code can affect it.\n" +
        `${join(folder, "waiting.json")}: compatible\n` +
        "  Compatible: the code asks for every recorded operation as it was recorded.\n",
    );
  });

  it("names the first divergence of an unsafe change and exits 1", async () => {
    const { code, stdout, stderr } = await run([
      "replay",
      folder,
      "--handler",
      join(versions, "v2-unsafe.ts"),
      "--json",
    ]);

    expect(code).toBe(1);
    const [finished, waiting] = JSON.parse(stdout);
    expect(finished).toMatchObject({ completed: true, compatible: true, status: "SUCCEEDED" });
    expect(waiting).toMatchObject({
      source: join(folder, "waiting.json"),
      status: "RUNNING",
      compatible: false,
      completed: false,
      divergence: { position: "1", recorded: 'step "load-order"', requested: 'step "fetch-order"' },
      next: [],
    });
    expect(waiting.message).toMatch(
      /^Not compatible: at operation 1 the history has step "load-order", but the code asked for step "fetch-order"\./,
    );
    expect(stderr).toMatch(
      /1 of 2 executions would not replay on .*v2-unsafe\.ts \(1 completed, 1 incompatible\)\./,
    );
  });

  it("refuses bad arguments with exit code 2, saying what is accepted", async () => {
    const handler = join(versions, "v1.ts");
    const empty = mkdtempSync(join(tmpdir(), "durable-replay-empty-"));
    const cases = [
      [["replay", folder], "durable replay needs --handler PATH"],
      [["replay", folder, "--handler", join(here, "missing.ts")], "missing.ts: no such file."],
      [
        ["replay", folder, "--handler", join(folder, "waiting.json")],
        '".json" is not a handler; accepted: .ts, .mts, .cts, .mjs, .js, .cjs.',
      ],
      [
        [
          "replay",
          folder,
          "--handler",
          join(here, "..", "fixtures", "no-handler-export", "src", "handler.ts"),
        ],
        "does not export a function named `handler`",
      ],
      [
        ["replay", join(here, "nothing-here"), "--handler", handler],
        "is not a history file, a folder of them, or an execution ARN",
      ],
      [
        ["replay", empty, "--handler", handler],
        "has no history files (*.json): record or export some first.",
      ],
    ];
    for (const [argv, message] of cases) {
      const { code, stderr } = await run(argv);
      expect({ argv, code, said: stderr.includes(message) }).toEqual({ argv, code: 2, said: true });
      expect(stderr).toContain("usage: durable replay <file|folder|execution-arn> --handler PATH");
    }
  });

  it("fails on a file that is not a history, naming it", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "durable-replay-bad-")), "notes.json");
    writeFileSync(file, '{"Items": []}');

    const { code, stderr } = await run(["replay", file, "--handler", join(versions, "v1.ts")]);

    expect(code).toBe(1);
    expect(stderr).toContain(`[durable] History ${file} is not a durable execution history`);
  });
});
