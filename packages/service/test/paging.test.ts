import { describe, expect, it } from "vitest";
import { decodeMarker, encodeMarker, resolvePageSize } from "../src/paging.js";

const NOW = new Date("2025-01-01T00:00:00Z");
const ARN = "arn:aws:lambda:us-east-1:123456789012:function:f:$LATEST/durable-execution/a/b";

describe("paging", () => {
  it("defaults MaxItems to 100, also for 0, and allows up to 1000", () => {
    expect(resolvePageSize(undefined)).toBe(100);
    expect(resolvePageSize(0)).toBe(100);
    expect(resolvePageSize(1000)).toBe(1000);
  });

  it.each([1001, -1, 2.5, "10"])("rejects MaxItems %o", (maxItems) => {
    expect(() => resolvePageSize(maxItems)).toThrow(
      /^MaxItems must be an integer from 0 to 1000 \(0 means the default of 100\), got /,
    );
  });

  it("continues from the position a marker carries", () => {
    const marker = encodeMarker("state", ARN, 42, false, NOW);
    expect(marker).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeMarker(marker, "state", ARN, false, NOW)).toBe(42);
  });

  it("rejects a marker this service did not issue", () => {
    expect(() => decodeMarker("not-a-marker", "state", ARN, false, NOW)).toThrow(
      'Invalid marker "not-a-marker": it is not a marker this service issued. Pass the NextMarker of the previous response unchanged, with the same parameters.',
    );
  });

  it("rejects a marker of another listing or execution", () => {
    const marker = encodeMarker("history", ARN, 3, false, NOW);
    expect(() => decodeMarker(marker, "state", ARN, false, NOW)).toThrow(
      "Invalid marker: it continues a different listing.",
    );
    expect(() => decodeMarker(marker, "history", `${ARN}x`, false, NOW)).toThrow(
      "Invalid marker: it continues a different listing.",
    );
  });

  it("rejects a marker issued for the other order", () => {
    const marker = encodeMarker("history", ARN, 3, true, NOW);
    expect(() => decodeMarker(marker, "history", ARN, false, NOW)).toThrow(
      "Invalid marker: it was issued with ReverseOrder true, this request has ReverseOrder false.",
    );
  });

  it("rejects a marker older than 24 hours", () => {
    const marker = encodeMarker("state", ARN, 1, false, NOW);
    const later = new Date(NOW.getTime() + 24 * 3600 * 1000 + 1);
    expect(() => decodeMarker(marker, "state", ARN, false, later)).toThrow(
      "Invalid marker: it has expired; markers are valid for 24 hours. Start the listing again without a Marker.",
    );
  });
});
