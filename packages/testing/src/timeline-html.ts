import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { timelineHtml } from "@durable-examples/console/timeline";
import type { DurableRun } from "./types.js";

// The picture of a run: the web console's timeline, drawn from the run's history events by the
// same layout module (@durable-examples/console/timeline), as one HTML file.

export interface TimelineHtmlOptions {
  /** The page's title, such as the test's name; default the execution's ARN. */
  title?: string;
}

/**
 * A self-contained HTML page (inline CSS and script, nothing fetched) of a run's timeline:
 * operations as bars on virtual time, nested by child context, map item and branch, with its
 * invocations, waits and retries; click an operation for its input, result or error.
 *
 * @example
 * const run = await runDurable(handler, { input });
 * const html = renderTimelineHtml(run, { title: "approves a claim" });
 */
export function renderTimelineHtml(
  run: Pick<DurableRun, "history" | "executionArn">,
  options: TimelineHtmlOptions = {},
): string {
  return timelineHtml(run.history, { title: options.title ?? run.executionArn });
}

/**
 * Writes {@link renderTimelineHtml} to `path` (folders made as needed) and returns the absolute
 * path, to print from a failing test and open in a browser.
 *
 * @example
 * if (run.status !== "SUCCEEDED") console.log(writeTimelineHtml(run, "test-results/claim.html"));
 */
export function writeTimelineHtml(
  run: Pick<DurableRun, "history" | "executionArn">,
  path: string,
  options: TimelineHtmlOptions = {},
): string {
  const target = resolve(path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, renderTimelineHtml(run, options));
  return target;
}
