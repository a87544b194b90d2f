// The timeline drawn as SVG markup, and an operation's details as HTML, both as strings so that
// the web console (innerHTML) and the harness's HTML file use the same drawing. Colours are SVG
// attributes, not CSS, so the console's Content-Security-Policy (no inline styles) allows them.
import { buildAxis, formatDuration } from "./axis.js";
import type {
  RowStatus,
  TimelineError,
  TimelineLayout,
  TimelineRow,
  TimelineSegment,
} from "./layout.js";

const LABEL_WIDTH = 230;
const ROW_HEIGHT = 22;
const BAR_HEIGHT = 14;
const AXIS_HEIGHT = 34;
const INDENT = 12;
const MIN_BAR_WIDTH = 3;

const STATUS_COLOURS: Record<RowStatus, string> = {
  running: "#2b6cb0",
  succeeded: "#2f855a",
  failed: "#c53030",
  cancelled: "#718096",
  "timed out": "#c05621",
  stopped: "#718096",
};

/** Containers (contexts, maps, branches) are outlined, so that what runs inside them shows. */
const CONTAINERS = new Set([
  "child context",
  "map",
  "map item",
  "parallel",
  "branch",
  "waitForCallback",
  "waitForCondition",
]);

/**
 * Escapes text for HTML and SVG, in content and in quoted attributes.
 *
 * @example
 * escapeHtml('<b title="x">'); // "&#60;b title=&#34;x&#34;&#62;"
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * What a row is called: `step "charge-card"`, or its kind and id when it has no name.
 *
 * @example
 * layout.rows.map(rowLabel); // ['step "charge-card"', "callback 9f2c01ab"]
 */
export function rowLabel(row: TimelineRow): string {
  return row.name === undefined ? `${row.kind} ${row.id.slice(0, 8)}` : `${row.kind} "${row.name}"`;
}

function segmentFill(
  row: TimelineRow,
  segment: TimelineSegment,
): { fill: string; opacity: string; dash?: string } {
  if (segment.kind === "retry delay") return { fill: "#ed8936", opacity: "0.35", dash: "3 2" };
  if (segment.kind === "waiting")
    return { fill: segment.status === "running" ? "#90cdf4" : "#a0aec0", opacity: "0.9" };
  if (CONTAINERS.has(row.kind)) return { fill: STATUS_COLOURS[segment.status], opacity: "0.18" };
  if (row.kind === "callback" && segment.status === "running")
    return { fill: "#805ad5", opacity: "0.85" };
  return { fill: STATUS_COLOURS[segment.status], opacity: "0.9" };
}

function tooltip(row: TimelineRow, layout: TimelineLayout): string {
  const end = row.end ?? layout.end;
  const lines = [
    `${rowLabel(row)}: ${row.status}`,
    `+${formatDuration(row.start - layout.start)}, lasted ${formatDuration(end - row.start)}${row.end === undefined ? " so far" : ""}`,
  ];
  if (row.attempts > 1) lines.push(`${row.attempts} attempts`);
  if (row.error?.ErrorMessage !== undefined)
    lines.push(`${row.error.ErrorType ?? "Error"}: ${row.error.ErrorMessage}`);
  return lines.join("\n");
}

export interface SvgOptions {
  /** Total width in pixels; default 960. */
  width?: number;
  /** The row drawn as selected. */
  selectedRow?: number;
}

/**
 * The timeline as one `<svg>` element: a time axis, a band per invocation, and a row of bars per
 * operation, indented by nesting. Each row is a `<g data-row="N">` (N indexes `layout.rows`).
 *
 * @example
 * container.innerHTML = timelineSvg(layoutTimeline(events), { width: 800 });
 */
export function timelineSvg(layout: TimelineLayout, options: SvgOptions = {}): string {
  const width = Math.max(options.width ?? 960, LABEL_WIDTH + 120);
  const barsLeft = LABEL_WIDTH + 8;
  // Room on the right for the last axis label and a step's attempt count.
  const barsWidth = width - barsLeft - 40;
  const times = [layout.start, layout.end];
  for (const row of layout.rows) {
    for (const segment of row.segments) times.push(segment.start, segment.end ?? layout.end);
    if (row.scheduledEnd !== undefined && row.scheduledEnd <= layout.end)
      times.push(row.scheduledEnd);
  }
  for (const invocation of layout.invocations) times.push(invocation.start, invocation.end);
  const axis = buildAxis(times, barsLeft, barsWidth);
  const height = AXIS_HEIGHT + Math.max(layout.rows.length, 1) * ROW_HEIGHT + 8;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="timeline" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12" role="img" aria-label="Timeline of ${layout.rows.length} operations">`,
  ];

  // Invocations: a shaded band across every row, numbered in the axis lane.
  for (const invocation of layout.invocations) {
    const x = axis.x(invocation.start);
    const w = Math.max(axis.x(invocation.end) - x, 2);
    const colour = invocation.error === undefined ? "#ebf8ff" : "#fff5f5";
    parts.push(
      `<g class="invocation"><title>${escapeHtml(`invocation ${invocation.index}: +${formatDuration(invocation.start - layout.start)}, ${formatDuration(invocation.end - invocation.start)}${invocation.error?.ErrorMessage === undefined ? "" : `, failed: ${invocation.error.ErrorMessage}`}`)}</title>`,
      `<rect x="${x.toFixed(1)}" y="${AXIS_HEIGHT - 14}" width="${w.toFixed(1)}" height="${height - AXIS_HEIGHT + 14}" fill="${colour}"/>`,
      `<line x1="${x.toFixed(1)}" x2="${x.toFixed(1)}" y1="${AXIS_HEIGHT - 14}" y2="${height}" stroke="#63b3ed" stroke-width="1"/>`,
      `<text x="${Math.min(x + 2, width - 30).toFixed(1)}" y="${AXIS_HEIGHT - 3}" fill="#2c5282" font-size="10">inv ${invocation.index}</text></g>`,
    );
  }

  // Axis labels at the moments things happen, skipping those that would overlap the last one
  // (at font size 10 a character is about 6 px wide).
  let lastLabelEnd = Number.NEGATIVE_INFINITY;
  for (const stop of axis.stops) {
    const text = `+${formatDuration(stop.time - layout.start)}`;
    const textWidth = text.length * 6;
    const anchor = stop.x === barsLeft ? "start" : stop.x > width - 60 ? "end" : "middle";
    const textStart =
      anchor === "start" ? stop.x : anchor === "end" ? stop.x - textWidth : stop.x - textWidth / 2;
    if (textStart < lastLabelEnd + 6) continue;
    lastLabelEnd = textStart + textWidth;
    parts.push(
      `<line x1="${stop.x.toFixed(1)}" x2="${stop.x.toFixed(1)}" y1="12" y2="18" stroke="#a0aec0"/>`,
      `<text x="${stop.x.toFixed(1)}" y="10" fill="#4a5568" font-size="10" text-anchor="${anchor}">${escapeHtml(text)}</text>`,
    );
  }

  layout.rows.forEach((row, index) => {
    const y = AXIS_HEIGHT + index * ROW_HEIGHT;
    const barY = y + (ROW_HEIGHT - BAR_HEIGHT) / 2;
    const selected = options.selectedRow === index;
    parts.push(
      `<g class="row" data-row="${index}" tabindex="0" role="button" aria-label="${escapeHtml(`${rowLabel(row)}: ${row.status}`)}" cursor="pointer">`,
      `<title>${escapeHtml(tooltip(row, layout))}</title>`,
      `<rect x="0" y="${y}" width="${width}" height="${ROW_HEIGHT}" fill="${selected ? "#fefcbf" : index % 2 === 0 ? "#ffffff" : "#f7fafc"}" fill-opacity="${selected ? "1" : "0.6"}"/>`,
      `<text x="${4 + row.depth * INDENT}" y="${y + 15}" fill="${row.status === "failed" ? "#c53030" : "#1a202c"}">${escapeHtml(truncate(rowLabel(row), 34 - row.depth * 2))}</text>`,
    );
    for (const segment of row.segments) {
      const x = axis.x(segment.start);
      const w = Math.max(axis.x(segment.end ?? layout.end) - x, MIN_BAR_WIDTH);
      const { fill, opacity, dash } = segmentFill(row, segment);
      const outline = CONTAINERS.has(row.kind)
        ? ` stroke="${STATUS_COLOURS[segment.status]}" stroke-width="1"`
        : "";
      parts.push(
        `<rect class="bar" x="${x.toFixed(1)}" y="${barY}" width="${w.toFixed(1)}" height="${BAR_HEIGHT}" rx="2" fill="${fill}" fill-opacity="${opacity}"${outline}${dash === undefined ? "" : ` stroke="#c05621" stroke-dasharray="${dash}"`}/>`,
      );
    }
    if (row.scheduledEnd !== undefined && row.end === undefined) {
      // A wait still running: mark when it is due, or an arrow when that is past the drawing.
      const due = Math.min(axis.x(row.scheduledEnd), barsLeft + barsWidth);
      parts.push(
        `<line x1="${due.toFixed(1)}" x2="${due.toFixed(1)}" y1="${barY - 2}" y2="${barY + BAR_HEIGHT + 2}" stroke="#2c5282" stroke-width="2"/>`,
      );
    }
    if (row.attempts > 1) {
      const x = axis.x(row.end ?? layout.end) + 4;
      parts.push(
        `<text x="${Math.min(x, width - 24).toFixed(1)}" y="${y + 15}" fill="#c05621" font-size="10">×${row.attempts}</text>`,
      );
    }
    parts.push("</g>");
  });
  if (layout.rows.length === 0) {
    parts.push(
      `<text x="${barsLeft}" y="${AXIS_HEIGHT + 15}" fill="#718096">No operations yet.</text>`,
    );
  }
  parts.push("</svg>");
  return parts.join("");
}

function truncate(text: string, max: number): string {
  const limit = Math.max(max, 8);
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

/**
 * A payload pretty-printed when it is JSON, as it is otherwise. A JSON string that holds JSON
 * (a serdes's output, such as a callback's result inside waitForCallback) is shown decoded.
 *
 * @example
 * formatPayload('{"a":1}'); // '{\n  "a": 1\n}'
 */
export function formatPayload(payload: string): string {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return payload;
  }
  if (typeof value === "string") {
    const inner = formatPayload(value);
    if (inner !== value) return `a JSON string holding:\n${inner}`;
  }
  return JSON.stringify(value, null, 2);
}

/**
 * An ErrorObject as text: `Type: message`, then its data and stack trace.
 *
 * @example
 * formatError({ ErrorType: "Timeout", ErrorMessage: "slow" }); // "Timeout: slow"
 */
export function formatError(error: TimelineError): string {
  const head = `${error.ErrorType ?? "Error"}: ${error.ErrorMessage ?? ""}`;
  const data = error.ErrorData === undefined ? "" : `\n${formatPayload(error.ErrorData)}`;
  const trace = error.StackTrace === undefined ? "" : `\n${error.StackTrace.join("\n")}`;
  return `${head}${data}${trace}`;
}

function section(title: string, body: string, className = ""): string {
  return `<h4>${escapeHtml(title)}</h4><pre class="${className}">${escapeHtml(body)}</pre>`;
}

/**
 * One operation's details as HTML: what it is, when, each attempt, its input, result or error.
 *
 * @example
 * panel.innerHTML = rowDetailsHtml(layout, 3);
 */
export function rowDetailsHtml(layout: TimelineLayout, index: number): string {
  const row = layout.rows[index];
  if (row === undefined) return "";
  const facts: [string, string][] = [
    ["status", row.status],
    ["started", `+${formatDuration(row.start - layout.start)}`],
    [
      "lasted",
      row.end === undefined
        ? `${formatDuration(layout.end - row.start)} so far`
        : formatDuration(row.end - row.start),
    ],
    ["id", row.id],
  ];
  if (row.subType !== undefined) facts.push(["sub-type", row.subType]);
  if (row.parentId !== undefined) facts.push(["parent", row.parentId]);
  if (row.attempts > 0) facts.push(["attempts", String(row.attempts)]);
  if (row.scheduledEnd !== undefined)
    facts.push(["due", `+${formatDuration(row.scheduledEnd - layout.start)}`]);
  if (row.callbackId !== undefined) facts.push(["callback id", row.callbackId]);
  if (row.functionName !== undefined) facts.push(["function", row.functionName]);
  facts.push(["events", row.eventIds.join(", ")]);
  const parts = [
    `<h3>${escapeHtml(rowLabel(row))}</h3>`,
    `<dl>${facts.map(([term, value]) => `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(value)}</dd>`).join("")}</dl>`,
  ];
  const failedAttempts = row.segments.filter((s) => s.kind === "attempt" && s.error !== undefined);
  if (failedAttempts.length > 0 && row.attempts > 1) {
    parts.push(
      section(
        "attempts",
        row.segments
          .filter((s) => s.kind === "attempt")
          .map(
            (s, i) =>
              `${i + 1}. +${formatDuration(s.start - layout.start)} ${s.status}${s.error === undefined ? "" : `: ${s.error.ErrorType ?? "Error"}: ${s.error.ErrorMessage ?? ""}`}`,
          )
          .join("\n"),
      ),
    );
  }
  if (row.input !== undefined) parts.push(section("input", formatPayload(row.input)));
  if (row.result !== undefined) parts.push(section("result", formatPayload(row.result)));
  if (row.error !== undefined) parts.push(section("error", formatError(row.error), "error"));
  if (row.input === undefined && row.result === undefined && row.error === undefined) {
    parts.push(
      `<p class="muted">No payload recorded${row.status === "running" ? " yet" : ""}.</p>`,
    );
  }
  return parts.join("");
}
