import { describe, expect, it } from "vitest";
import { DEFAULT_SERVICE_LIMITS, DurableExecutionService, VirtualClock } from "../src/index.js";
import { resolveLimits } from "../src/limits.js";

describe("resolveLimits", () => {
  it("uses protocol.md §7's values by default", () => {
    expect(resolveLimits()).toEqual({
      maxOperationPayloadBytes: 262_144,
      maxErrorBytes: 32_768,
      maxUpdatesPerCheckpoint: 250,
      maxCheckpointBytes: 768_000,
      initialStatePageSize: 1_000,
      maxInvocationAttempts: 5,
    });
    expect(DEFAULT_SERVICE_LIMITS.maxOperationPayloadBytes).toBe(262_144);
  });

  it("overrides only the limits given", () => {
    const limits = resolveLimits({ maxInvocationAttempts: 2 });
    expect(limits.maxInvocationAttempts).toBe(2);
    expect(limits.maxUpdatesPerCheckpoint).toBe(250);
  });

  it("rejects a limit that is not a positive integer", () => {
    expect(() => resolveLimits({ maxErrorBytes: 0 })).toThrow(
      "Service limit maxErrorBytes must be a positive integer, got 0.",
    );
  });

  it("rejects an unknown limit and lists the known ones", () => {
    expect(
      () =>
        new DurableExecutionService({
          clock: new VirtualClock(),
          limits: { maxPayload: 1 } as never,
        }),
    ).toThrow(
      'Unknown service limit "maxPayload". Known limits: maxOperationPayloadBytes, maxErrorBytes, maxUpdatesPerCheckpoint, maxCheckpointBytes, initialStatePageSize, maxInvocationAttempts.',
    );
  });
});
