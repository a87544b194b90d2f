import { describe, expect, it } from "vitest";
import { wireId } from "../../src/context/operation-id.js";

describe("wireId", () => {
  it.each([
    ["1", "c4ca4238a0b92382"],
    ["2", "c81e728d9d4c2f63"],
    ["3", "eccbc87e4b5ce2fe"],
    ["2-1", "8fbdbf5573b18fae"],
    ["2-2", "3c46a0407be60a1f"],
    ["2-1-1", "de9160b4a2cf6c27"],
  ])("hashes step id %s to the official SDK's wire id %s", (stepId, expected) => {
    expect(wireId(stepId)).toBe(expected);
  });
});
