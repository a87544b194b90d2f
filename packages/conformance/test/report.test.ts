import { describe, expect, it } from "vitest";
import { exitCode, formatReport, summarize } from "../src/report.js";
import type { RequirementOutcome } from "../src/types/outcome.js";

const pass: RequirementOutcome = { id: "1-1", suite: "step", status: "pass", detail: "" };
const fail: RequirementOutcome = {
  id: "1-12",
  suite: "step",
  status: "FAIL",
  detail: "history: no event with EventId 7 (execution has 6 events)",
};
const optionalFail: RequirementOutcome = {
  id: "1-7",
  suite: "step",
  status: "fail (optional)",
  detail: "logs[0] (message ~ /x/): expected 1 matching record, got 0 of 0 captured",
};
const notImplemented: RequirementOutcome = {
  id: "3-1",
  suite: "child",
  status: "not implemented",
  detail: "no handler yet for the child suite in src/handlers/child/",
};

describe("formatReport", () => {
  it("prints one aligned row per requirement and ends with the counts", () => {
    expect(formatReport([pass, fail, notImplemented])).toBe(
      [
        "id    suite  status           detail",
        "1-1   step   pass",
        "1-12  step   FAIL             history: no event with EventId 7 (execution has 6 events)",
        "3-1   child  not implemented  no handler yet for the child suite in src/handlers/child/",
        "",
        "1 passed, 1 failed, 1 not implemented",
      ].join("\n"),
    );
  });

  it("counts optional failures on their own line, apart from passed and failed", () => {
    const lines = formatReport([pass, optionalFail]).split("\n");
    expect(lines.slice(-2)).toEqual(["1 optional failed", "1 passed, 0 failed"]);
  });

  it("leaves out the not implemented count when there are none", () => {
    expect(formatReport([pass]).split("\n").at(-1)).toBe("1 passed, 0 failed");
  });
});

describe("summarize", () => {
  it("counts each status", () => {
    expect(summarize([pass, fail, optionalFail, notImplemented, pass])).toEqual({
      passed: 2,
      failed: 1,
      optionalFailed: 1,
      notImplemented: 1,
    });
  });
});

describe("exitCode", () => {
  it("is 1 when a requirement that is not optional failed", () => {
    expect(exitCode([pass, fail])).toBe(1);
  });

  it("is 0 when only optional or not implemented requirements did not pass", () => {
    expect(exitCode([pass, optionalFail, notImplemented])).toBe(0);
  });
});
