import { describe, expect, it } from "vitest";
import { JitterStrategy } from "../../src/retry/jitter.js";
import {
  createLinearRetryStrategy,
  createRetryStrategy,
  retryPresets,
} from "../../src/retry/retry-strategy.js";
import { createWaitStrategy } from "../../src/retry/wait-strategy.js";

const error = new Error("boom");

describe("createRetryStrategy", () => {
  it("backs off exponentially up to the cap and stops at maxAttempts", () => {
    const strategy = createRetryStrategy({
      maxAttempts: 5,
      initialDelay: { seconds: 2 },
      backoffRate: 3,
      maxDelay: { seconds: 30 },
      jitter: JitterStrategy.NONE,
    });
    expect([1, 2, 3, 4].map((attempt) => strategy(error, attempt).delay)).toEqual([
      { seconds: 2 },
      { seconds: 6 },
      { seconds: 18 },
      { seconds: 30 },
    ]);
    expect(strategy(error, 5)).toEqual({ shouldRetry: false });
  });

  it("keeps full jitter between 1 second and the backoff delay", () => {
    const strategy = createRetryStrategy({ maxAttempts: 10, initialDelay: { seconds: 8 } });
    for (let i = 0; i < 200; i++) {
      const seconds = strategy(error, 1).delay?.seconds ?? 0;
      expect(seconds).toBeGreaterThanOrEqual(1);
      expect(seconds).toBeLessThanOrEqual(8);
    }
  });

  it("retries only errors matching a message filter or a type", () => {
    class TransientError extends Error {}
    const strategy = createRetryStrategy({
      retryableErrors: ["timeout", /^throttl/],
      retryableErrorTypes: [TransientError],
    });
    expect(strategy(new Error("read timeout"), 1).shouldRetry).toBe(true);
    expect(strategy(new Error("throttled"), 1).shouldRetry).toBe(true);
    expect(strategy(new TransientError("x"), 1).shouldRetry).toBe(true);
    expect(strategy(new Error("card declined"), 1).shouldRetry).toBe(false);
  });

  it("rejects a maxAttempts below 1 and an unknown jitter, saying what is allowed", () => {
    expect(() => createRetryStrategy({ maxAttempts: 0 })).toThrow(
      "createRetryStrategy: maxAttempts must be a whole number of 1 or more, got 0.",
    );
    expect(() => createRetryStrategy({ jitter: "SOME" as never })).toThrow(
      "createRetryStrategy: jitter must be one of NONE, FULL, HALF, got SOME.",
    );
  });
});

describe("retryPresets", () => {
  it("default allows 6 attempts starting at most 5 seconds apart", () => {
    expect(retryPresets.default(error, 5).shouldRetry).toBe(true);
    expect(retryPresets.default(error, 6).shouldRetry).toBe(false);
    expect(retryPresets.default(error, 1).delay?.seconds).toBeLessThanOrEqual(5);
  });

  it("linear waits 1 to 5 seconds without jitter", () => {
    expect(
      [1, 2, 3, 4, 5].map((attempt) => retryPresets.linear(error, attempt).delay?.seconds),
    ).toEqual([1, 2, 3, 4, 5]);
    expect(retryPresets.linear(error, 6).shouldRetry).toBe(false);
  });

  it("noRetry never retries", () => {
    expect(retryPresets.noRetry(error, 1)).toEqual({ shouldRetry: false });
  });
});

describe("createLinearRetryStrategy", () => {
  it("adds the increment after each attempt, capped at maxDelay", () => {
    const strategy = createLinearRetryStrategy({
      initialDelay: { seconds: 10 },
      increment: { seconds: 10 },
      maxDelay: { seconds: 25 },
      jitter: JitterStrategy.NONE,
    });
    expect([1, 2, 3].map((attempt) => strategy(error, attempt).delay?.seconds)).toEqual([
      10, 20, 25,
    ]);
  });
});

describe("createWaitStrategy", () => {
  it("refuses a jitter it does not know, naming the allowed ones", () => {
    expect(() =>
      createWaitStrategy({
        shouldContinuePolling: () => true,
        jitter: "half" as JitterStrategy,
      }),
    ).toThrow("createWaitStrategy: jitter must be one of NONE, FULL, HALF, got half.");
  });
});

describe("createWaitStrategy decisions", () => {
  const strategy = createWaitStrategy({
    shouldContinuePolling: (state: { done: boolean }) => !state.done,
    maxAttempts: 3,
    initialDelay: { seconds: 4 },
    backoffRate: 1.5,
    jitter: JitterStrategy.NONE,
  });

  it("stops as soon as the state no longer needs polling", () => {
    expect(strategy({ done: true }, 1)).toEqual({ shouldContinue: false });
  });

  it("backs off by backoffRate, rounded to whole seconds", () => {
    expect([1, 2].map((attempt) => strategy({ done: false }, attempt))).toEqual([
      { shouldContinue: true, delay: { seconds: 4 } },
      { shouldContinue: true, delay: { seconds: 6 } },
    ]);
  });

  it("throws once maxAttempts checks have run", () => {
    expect(() => strategy({ done: false }, 3)).toThrow(
      "waitForCondition gave up after 3 checks: the condition never held.",
    );
  });
});
