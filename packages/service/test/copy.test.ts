import type { Operation } from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import { copyData, copyOperation } from "../src/copy.js";

const FULL: Operation = {
  Id: "a",
  ParentId: "p",
  Name: "n",
  Type: "STEP",
  SubType: "Step",
  StartTimestamp: new Date("2025-01-01T00:00:00Z"),
  EndTimestamp: new Date("2025-01-01T00:00:05Z"),
  Status: "PENDING",
  ExecutionDetails: { InputPayload: "{}" },
  StepDetails: {
    Attempt: 2,
    NextAttemptTimestamp: new Date("2025-01-01T00:00:09Z"),
    Result: '"r"',
    Error: { ErrorType: "E", StackTrace: ["at x"] },
  },
  WaitDetails: { ScheduledEndTimestamp: new Date("2025-01-01T00:01:00Z") },
  ContextDetails: { ReplayChildren: true, Error: { ErrorMessage: "m" } },
  CallbackDetails: { CallbackId: "cb", Error: { ErrorData: "d" } },
  ChainedInvokeDetails: { Result: '"ok"', Error: { ErrorType: "T" } },
};

describe("copyOperation", () => {
  it("copies an operation exactly as copyData does", () => {
    expect(copyOperation(FULL)).toEqual(copyData(FULL));
    expect(copyOperation(FULL)).toEqual(FULL);
  });

  it("shares no object with the original", () => {
    const copy = copyOperation(FULL);
    copy.StartTimestamp!.setFullYear(2000);
    copy.StepDetails!.NextAttemptTimestamp!.setFullYear(2000);
    copy.StepDetails!.Error!.StackTrace!.push("changed");
    copy.WaitDetails!.ScheduledEndTimestamp!.setFullYear(2000);
    copy.ContextDetails!.Error!.ErrorMessage = "changed";
    expect(FULL.StartTimestamp!.getUTCFullYear()).toBe(2025);
    expect(FULL.StepDetails!.NextAttemptTimestamp!.getUTCFullYear()).toBe(2025);
    expect(FULL.StepDetails!.Error!.StackTrace).toEqual(["at x"]);
    expect(FULL.WaitDetails!.ScheduledEndTimestamp!.getUTCFullYear()).toBe(2025);
    expect(FULL.ContextDetails!.Error!.ErrorMessage).toBe("m");
  });
});

describe("copyData", () => {
  it("leaves out keys whose value is undefined", () => {
    expect(copyData({ a: 1, b: undefined, c: { d: undefined } })).toEqual({ a: 1, c: {} });
    expect(Object.keys(copyData({ a: 1, b: undefined }))).toEqual(["a"]);
  });
});
