import { fileURLToPath } from "node:url";
import { checkReplay, expectReplays, runDurable } from "@durable-examples/testing";
import { describe, expect, it } from "vitest";
import { handler, type OverviewRequest } from "../src/handler.js";

const PROFILE = { name: "Ada Lovelace", tier: "gold" };
const RECENT_ORDERS = [
  { orderId: "order-7001", totalCents: 6921 },
  { orderId: "order-6950", totalCents: 1899 },
];

const request = (overrides: Partial<OverviewRequest> = {}): OverviewRequest => ({
  customerId: "cus-42",
  ...overrides,
});

/** The branch statuses of the stored BatchResult, in index order. */
function storedItems(run: Awaited<ReturnType<typeof runDurable>>) {
  const stored = JSON.parse(run.getOperation("gather-customer-data").ContextDetails?.Result ?? "");
  return stored.all.map((item: { index: number; status: string }) => [item.index, item.status]);
}

describe("09-parallel", () => {
  it("queries all three sources at once and waits only as long as the slowest", async () => {
    const run = await runDurable(handler, { input: request() });
    console.log(run.timeline);

    expect(run.status).toBe("SUCCEEDED");
    expect(run.result).toEqual({
      customerId: "cus-42",
      profile: PROFILE,
      creditScore: 742,
      recentOrders: RECENT_ORDERS,
      missing: [],
      completionReason: "ALL_COMPLETED",
    });
    // The credit bureau's two minutes are the whole run: the other branches did not wait for it.
    expect(run.elapsedMs).toBe(2 * 60_000);
    expect(run.invocations.map((invocation) => invocation.outcome)).toEqual([
      "PENDING",
      "SUCCEEDED",
    ]);
  });

  it("records each branch as a ParallelBranch context inside the Parallel context", async () => {
    const run = await runDurable(handler, { input: request() });

    const parallel = run.getOperation("gather-customer-data");
    expect(parallel.SubType).toBe("Parallel");
    const branches = run.operations
      .filter((op) => op.ParentId === parallel.Id)
      .map((op) => [op.Name, op.SubType, op.Status]);
    expect(branches).toEqual([
      ["profile", "ParallelBranch", "SUCCEEDED"],
      ["credit-score", "ParallelBranch", "SUCCEEDED"],
      ["recent-orders", "ParallelBranch", "SUCCEEDED"],
    ]);
    expect(run.getOperation("read-credit-score").ParentId).toBe(
      run.getOperation("credit-score").Id,
    );
  });

  it("tolerates one source that is down: the batch is FAILED, yet completes with the rest", async () => {
    const run = await runDurable(handler, { input: request({ outages: ["recent-orders"] }) });
    console.log(run.timeline);

    expect(run.status).toBe("SUCCEEDED");
    expect(run.result).toEqual({
      customerId: "cus-42",
      profile: PROFILE,
      creditScore: 742,
      missing: ["recent-orders"],
      completionReason: "ALL_COMPLETED",
    });
    expect(storedItems(run)).toEqual([
      [0, "SUCCEEDED"],
      [1, "SUCCEEDED"],
      [2, "FAILED"],
    ]);
    // Logged because batch.status is FAILED, and only once although the handler ran twice.
    expect(run.logs.map((log) => [log.level, log.message])).toEqual([
      ["WARN", "overview is incomplete { missing: [ 'recent-orders' ] }"],
    ]);
  });

  it("fails the execution with the first branch's error when more sources are down than tolerated", async () => {
    const run = await runDurable(handler, {
      input: request({ outages: ["profile", "recent-orders"] }),
    });

    expect(run.status).toBe("FAILED");
    expect(run.error).toEqual({
      ErrorType: "ChildContextError",
      ErrorMessage: "profile service is unavailable",
    });
    // The second failure ended the batch at once: the credit bureau's branch never finished.
    expect(
      JSON.parse(run.getOperation("gather-customer-data").ContextDetails?.Result ?? ""),
    ).toMatchObject({
      completionReason: "FAILURE_TOLERANCE_EXCEEDED",
    });
    expect(run.getOperation("credit-score").Status).toBe("STARTED");
    expect(run.elapsedMs).toBe(0);
  });

  it("answers an urgent request once two sources are in, leaving the slow branch STARTED", async () => {
    const run = await runDurable(handler, { input: request({ urgent: true }) });
    console.log(run.timeline);

    expect(run.status).toBe("SUCCEEDED");
    expect(run.result).toEqual({
      customerId: "cus-42",
      profile: PROFILE,
      recentOrders: RECENT_ORDERS,
      missing: ["credit-score"],
      completionReason: "MIN_SUCCESSFUL_REACHED",
    });
    expect(storedItems(run)).toEqual([
      [0, "SUCCEEDED"],
      [1, "STARTED"],
      [2, "SUCCEEDED"],
    ]);
    // No waiting for the bureau: one invocation, no virtual time, and the score is never read.
    expect(run.elapsedMs).toBe(0);
    expect(run.invocations).toHaveLength(1);
    expect(run.getOperation("credit-score").Status).toBe("STARTED");
    expect(run.getOperation("bureau-turnaround").Status).toBe("STARTED");
    expect(run.operations.find((op) => op.Name === "read-credit-score")).toBeUndefined();
  });

  it("waits for the slow branch after all when an urgent request has a source down", async () => {
    const run = await runDurable(handler, {
      input: request({ urgent: true, outages: ["recent-orders"] }),
    });

    expect(run.result).toEqual({
      customerId: "cus-42",
      profile: PROFILE,
      creditScore: 742,
      missing: ["recent-orders"],
      completionReason: "ALL_COMPLETED",
    });
    expect(run.elapsedMs).toBe(2 * 60_000);
  });

  it.each([
    ["all sources answer", request()],
    ["one source down", request({ outages: ["recent-orders"] })],
    ["two sources down", request({ outages: ["profile", "recent-orders"] })],
    ["an urgent request", request({ urgent: true })],
  ])("finishes the same way after a crash at any checkpoint: %s", async (_, input) => {
    const report = await checkReplay(handler, { input });

    expect(report.crashPoints).toBeGreaterThan(0);
  });

  it("still replays every execution it has recorded (histories/)", async () => {
    await expectReplays(handler, fileURLToPath(new URL("../histories", import.meta.url)));
  });
});
