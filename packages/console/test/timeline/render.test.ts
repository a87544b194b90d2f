import { describe, expect, it } from "vitest";
import { layoutTimeline } from "../../src/timeline/layout.js";
import { formatPayload, rowDetailsHtml, timelineSvg } from "../../src/timeline/render.js";
import { timelineHtml } from "../../src/timeline/timeline-html.js";
import { EXECUTION, event, invocation, started } from "./events.js";

const hostile = { Id: "s1", Name: '<img src=x onerror="alert(1)">', SubType: "Step" };
const events = [
  started('{"note":"</script><script>alert(2)</script>"}'),
  event(0, "StepStarted", hostile),
  event(1, "StepSucceeded", hostile, { Result: { Payload: '"<b>bold</b>"' } }),
  invocation(0, 1),
  event(1, "ExecutionSucceeded", EXECUTION, { Result: { Payload: "{}" } }),
];

describe("timelineSvg", () => {
  it("draws a row per operation and a band per invocation, with every name escaped", () => {
    const svg = timelineSvg(layoutTimeline(events), { width: 800 });
    expect(svg.match(/<g class="row"/g)).toHaveLength(1);
    expect(svg.match(/<g class="invocation"/g)).toHaveLength(1);
    expect(svg).toContain(
      "step &#34;&#60;img src=x onerror=&#34;alert(1)&#34;&#62;&#34;: succeeded",
    );
    expect(svg).not.toContain("<img");
    expect(svg).not.toMatch(/style=/);
  });
});

describe("rowDetailsHtml", () => {
  it("shows an operation's result escaped", () => {
    const html = rowDetailsHtml(layoutTimeline(events), 0);
    expect(html).toContain("&#34;&#60;b&#62;bold&#60;/b&#62;&#34;");
    expect(html).not.toContain("<b>");
  });
});

describe("formatPayload", () => {
  it("pretty-prints JSON, decodes JSON held in a JSON string, and leaves other text alone", () => {
    expect(formatPayload('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(formatPayload('"{\\"a\\":1}"')).toBe('a JSON string holding:\n{\n  "a": 1\n}');
    expect(formatPayload('"plain"')).toBe('"plain"');
    expect(formatPayload("not json")).toBe("not json");
  });
});

describe("timelineHtml", () => {
  it("is one document with its style and script inline, and no markup from the payloads", () => {
    const html = timelineHtml(events, { title: "a <test>" });
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain("<title>a &#60;test&#62;</title>");
    expect(html).not.toMatch(/<(link|script) [^>]*(src|href)=/);
    expect(html.match(/<script>/g)).toHaveLength(1);
    expect(html).not.toContain("</script><script>alert(2)");
    expect(html).toContain('<section data-details="0" hidden>');
    expect(html).toContain("SUCCEEDED");
  });
});
