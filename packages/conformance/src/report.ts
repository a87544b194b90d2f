import type { RequirementOutcome } from "./types/outcome.js";

export interface Summary {
  readonly passed: number;
  readonly failed: number;
  readonly optionalFailed: number;
  readonly notImplemented: number;
}

const HEADER = { id: "id", suite: "suite", status: "status", detail: "detail" };

/** Counts outcomes by status. An optional requirement that passes counts as passed. */
export function summarize(outcomes: readonly RequirementOutcome[]): Summary {
  const count = (status: RequirementOutcome["status"]) =>
    outcomes.filter((outcome) => outcome.status === status).length;
  return {
    passed: count("pass"),
    failed: count("FAIL"),
    optionalFailed: count("fail (optional)"),
    notImplemented: count("not implemented"),
  };
}

/**
 * The table of outcomes, one row per requirement, then the summary: a line `N optional failed`
 * when there are any, and last `N passed, N failed`, followed by `, N not implemented` when
 * there are any.
 *
 * @example
 * formatReport([{ id: "1-1", suite: "step", status: "pass", detail: "" }]);
 * // "id   suite  status  detail\n1-1  step   pass\n\n1 passed, 0 failed"
 */
export function formatReport(outcomes: readonly RequirementOutcome[]): string {
  const rows = [HEADER, ...outcomes];
  const width = (key: "id" | "suite" | "status") => Math.max(...rows.map((row) => row[key].length));
  const [id, suite, status] = [width("id"), width("suite"), width("status")];
  const lines = rows.map((row) =>
    [row.id.padEnd(id), row.suite.padEnd(suite), row.status.padEnd(status), row.detail]
      .join("  ")
      .trimEnd(),
  );
  return [...lines, "", ...summaryLines(summarize(outcomes))].join("\n");
}

/** The lines under the table; the last is `N passed, N failed[, N not implemented]`. */
export function summaryLines(summary: Summary): string[] {
  const lines: string[] = [];
  if (summary.optionalFailed > 0) lines.push(`${summary.optionalFailed} optional failed`);
  const notImplemented =
    summary.notImplemented > 0 ? `, ${summary.notImplemented} not implemented` : "";
  lines.push(`${summary.passed} passed, ${summary.failed} failed${notImplemented}`);
  return lines;
}

/** 1 when a requirement that is not optional failed; not implemented ones do not fail the run. */
export function exitCode(outcomes: readonly RequirementOutcome[]): 0 | 1 {
  return summarize(outcomes).failed > 0 ? 1 : 0;
}
