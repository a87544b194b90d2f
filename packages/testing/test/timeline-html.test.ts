import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { layoutTimeline } from "@durable-examples/console/timeline";
import {
  createRetryStrategy,
  type DurableContext,
  JitterStrategy,
  withDurableExecution,
} from "@durable-examples/runtime";
import { describe, expect, it } from "vitest";
import { renderTimelineHtml, runDurable, writeTimelineHtml } from "../src/index.js";

const retryTwice = createRetryStrategy({
  maxAttempts: 3,
  initialDelay: { seconds: 5 },
  backoffRate: 1,
  jitter: JitterStrategy.NONE,
});

/** Two branches at once, one with a flaky step and one with a wait, then a step after them. */
const fanOut = withDurableExecution(async (_input: unknown, context: DurableContext) => {
  await context.parallel<string>("gather", [
    {
      name: "flaky",
      func: (branch) =>
        branch.step(
          "fetch",
          ({ attempt }) => {
            if (attempt < 3) throw new Error(`attempt ${attempt} timed out`);
            return "data";
          },
          { retryStrategy: retryTwice },
        ),
    },
    {
      name: "slow",
      func: async (branch) => {
        await branch.wait("settle", { minutes: 1 });
        return "settled";
      },
    },
  ]);
  return context.step("summarise", () => "done");
});

describe("renderTimelineHtml", () => {
  it("draws a run with the console's layout: branches nested, retries and invocations visible", async () => {
    const run = await runDurable(fanOut, { input: {} });
    expect(run.status).toBe("SUCCEEDED");
    const layout = layoutTimeline(run.history);
    expect(
      layout.rows.map((row) => `${"  ".repeat(row.depth)}${row.kind} ${row.name}: ${row.status}`),
    ).toEqual([
      "parallel gather: succeeded",
      "  branch flaky: succeeded",
      "    step fetch: succeeded",
      "  branch slow: succeeded",
      "    wait settle: succeeded",
      "step summarise: succeeded",
    ]);
    const fetch = layout.rows[2]!;
    expect(fetch.attempts).toBe(3);
    expect(fetch.segments.map((segment) => segment.kind)).toEqual([
      "attempt",
      "retry delay",
      "attempt",
      "retry delay",
      "attempt",
    ]);
    expect(layout.invocations.length).toBe(run.invocations.length);

    const html = renderTimelineHtml(run, { title: "fans out" });
    expect(html).toContain("<title>fans out</title>");
    expect(html.match(/<g class="row"/g)).toHaveLength(6);
    expect(html.match(/<g class="invocation"/g)).toHaveLength(run.invocations.length);
    expect(html).toContain("attempt 1 timed out");
  });

  it("writes the page to a file and returns its absolute path", async () => {
    const run = await runDurable(fanOut, { input: {} });
    const path = writeTimelineHtml(
      run,
      join(mkdtempSync(join(tmpdir(), "timeline-")), "a", "run.html"),
    );
    expect(path).toMatch(/\/a\/run\.html$/);
    expect(readFileSync(path, "utf8")).toBe(renderTimelineHtml(run));
  });
});
