// A whole execution's timeline as one HTML file with its CSS and script inline: the harness
// writes it for a run, so that a failing test can be opened in a browser and looked at.
import { formatDuration } from "./axis.js";
import { type HistoryEventLike, type LayoutOptions, layoutTimeline } from "./layout.js";
import { escapeHtml, formatError, formatPayload, rowDetailsHtml, timelineSvg } from "./render.js";

export interface TimelineHtmlOptions extends LayoutOptions {
  /** The page title, such as the test's name. */
  title?: string;
  /** The SVG's width in pixels; default 1100. */
  width?: number;
}

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 1.5rem; color: #1a202c; }
h1 { font-size: 1.3rem; margin: 0 0 .25rem; }
.status { font-weight: 600; }
.SUCCEEDED { color: #2f855a; } .FAILED, .TIMED_OUT { color: #c53030; } .RUNNING { color: #2b6cb0; } .STOPPED { color: #718096; }
.scroll { overflow-x: auto; border: 1px solid #e2e8f0; border-radius: 6px; margin: 1rem 0; }
.row:focus { outline: 2px solid #3182ce; }
pre { background: #f7fafc; padding: .5rem; overflow-x: auto; white-space: pre-wrap; word-break: break-word; }
pre.error { background: #fff5f5; color: #9b2c2c; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .8rem; }
dt { color: #4a5568; } dd { margin: 0; word-break: break-all; }
.muted { color: #718096; }
#details { border-left: 3px solid #3182ce; padding-left: 1rem; }
`;

// Shows the details of the row clicked (or chosen with Enter); the details are rendered below,
// hidden, one section per row.
const SCRIPT = `
const show = (row) => {
  for (const section of document.querySelectorAll("[data-details]")) section.hidden = section.dataset.details !== row;
  document.getElementById("details").hidden = false;
};
for (const row of document.querySelectorAll("svg .row")) {
  row.addEventListener("click", () => show(row.dataset.row));
  row.addEventListener("keydown", (event) => { if (event.key === "Enter") show(row.dataset.row); });
}
`;

/**
 * A self-contained HTML page of an execution's timeline: status, input and result, the timeline
 * (click an operation for its details) and the raw history events.
 *
 * @example
 * writeFileSync("timeline.html", timelineHtml(run.history, { title: "approves a claim" }));
 */
export function timelineHtml(
  events: readonly HistoryEventLike[],
  options: TimelineHtmlOptions = {},
): string {
  const layout = layoutTimeline(events, options);
  const title = options.title ?? "Durable execution timeline";
  const details = layout.rows
    .map(
      (_, index) =>
        `<section data-details="${index}" hidden>${rowDetailsHtml(layout, index)}</section>`,
    )
    .join("");
  const outcome =
    layout.result !== undefined
      ? `<h2>Result</h2><pre>${escapeHtml(formatPayload(layout.result))}</pre>`
      : layout.error !== undefined
        ? `<h2>Error</h2><pre class="error">${escapeHtml(formatError(layout.error))}</pre>`
        : "";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p><span class="status ${layout.status}">${layout.status}</span> · ${layout.rows.length} operations · ${layout.invocations.length} invocation(s) · ${escapeHtml(formatDuration(layout.end - layout.start))} · started ${escapeHtml(new Date(layout.start).toISOString())}</p>
<div class="scroll">${timelineSvg(layout, { width: options.width ?? 1100 })}</div>
<p class="muted">Click an operation for its details. Shaded bands are invocations; the axis widens with the logarithm of each gap, so milliseconds and days both show.</p>
<div id="details" hidden>${details}</div>
<h2>Input</h2><pre>${layout.input === undefined ? "(none)" : escapeHtml(formatPayload(layout.input))}</pre>
${outcome}
<details><summary>History events (${events.length})</summary><pre>${escapeHtml(JSON.stringify(events, null, 2))}</pre></details>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
