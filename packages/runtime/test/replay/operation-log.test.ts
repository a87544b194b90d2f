import type { Operation } from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import { OperationLog } from "../../src/replay/operation-log.js";

const op = (
  id: string,
  Status: Operation["Status"],
  Type: Operation["Type"] = "STEP",
): Operation => ({
  Id: id,
  Type,
  Status,
  StartTimestamp: new Date(0),
});

describe("OperationLog", () => {
  it("finds the EXECUTION operation wherever it is in the list", () => {
    const log = new OperationLog([op("a", "SUCCEEDED"), op("exec", "STARTED", "EXECUTION")]);

    expect(log.executionOperation()?.Id).toBe("exec");
    expect(log.size).toBe(2);
  });

  it("replaces a record with the newer one a checkpoint response carries", () => {
    const log = new OperationLog([op("a", "STARTED")]);

    log.merge([op("a", "SUCCEEDED"), op("b", "STARTED")]);

    expect(log.get("a")?.Status).toBe("SUCCEEDED");
    expect(log.get("b")?.Status).toBe("STARTED");
  });

  it("resolves a watcher with the first record that satisfies it, the current one included", async () => {
    const log = new OperationLog([op("done", "SUCCEEDED"), op("wait", "STARTED")]);
    const finished = (operation: Operation) => operation.Status === "SUCCEEDED";
    const seen: string[] = [];

    void log.until("done", finished).then((o) => seen.push(`${o.Id} ${o.Status}`));
    void log.until("wait", finished).then((o) => seen.push(`${o.Id} ${o.Status}`));
    log.merge([op("wait", "STARTED")]);
    await settled();
    expect(seen).toEqual(["done SUCCEEDED"]);

    log.merge([op("wait", "SUCCEEDED")]);
    log.merge([op("wait", "FAILED")]);
    await settled();
    expect(seen).toEqual(["done SUCCEEDED", "wait SUCCEEDED"]);
  });

  it("wakes every watcher of an operation, not only the first", async () => {
    const log = new OperationLog([op("a", "PENDING")]);
    const ready = (operation: Operation) => operation.Status === "READY";
    let woken = 0;

    void log.until("a", ready).then(() => woken++);
    void log.until("a", ready).then(() => woken++);
    log.merge([op("a", "READY")]);
    await settled();

    expect(woken).toBe(2);
  });
});

/** Lets every promise callback queued so far run. */
const settled = () => new Promise((resolve) => setImmediate(resolve));
