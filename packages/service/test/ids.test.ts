import { describe, expect, it } from "vitest";
import {
  chainedExecutionName,
  executionArn,
  functionArn,
  functionNameOf,
  IdSource,
  invokeTargetOf,
} from "../src/ids.js";

/** The Lambda API reference's pattern for DurableExecutionArn. */
const LAMBDA_EXECUTION_ARN =
  /^arn:([a-zA-Z0-9-]+):lambda:([a-zA-Z0-9-]+):(\d{12}):function:([a-zA-Z0-9_-]+):(\$LATEST(?:\.PUBLISHED)?|[0-9]+)\/durable-execution\/([a-zA-Z0-9_-]+)\/([a-zA-Z0-9_-]+)$/;

describe("ids", () => {
  it("builds function ARNs", () => {
    expect(functionArn("eu-west-1", "111122223333", "orders")).toBe(
      "arn:aws:lambda:eu-west-1:111122223333:function:orders",
    );
  });

  it("builds execution ARNs in Lambda's format", () => {
    const arn = executionArn(
      functionArn("us-east-1", "123456789012", "orders"),
      "order-7",
      "5d81-7c5a",
    );
    expect(arn).toBe(
      "arn:aws:lambda:us-east-1:123456789012:function:orders:$LATEST/durable-execution/order-7/5d81-7c5a",
    );
    expect(arn).toMatch(LAMBDA_EXECUTION_ARN);
  });

  it("reads a function name from a name or an ARN of this region and account", () => {
    expect(functionNameOf("orders", "us-east-1", "123456789012")).toBe("orders");
    expect(
      functionNameOf(
        "arn:aws:lambda:us-east-1:123456789012:function:orders",
        "us-east-1",
        "123456789012",
      ),
    ).toBe("orders");
    expect(
      functionNameOf(
        "arn:aws:lambda:us-east-1:123456789012:function:orders:$LATEST",
        "us-east-1",
        "123456789012",
      ),
    ).toBe("orders");
    expect(
      functionNameOf(
        "arn:aws:lambda:eu-west-1:123456789012:function:orders",
        "us-east-1",
        "123456789012",
      ),
    ).toBeUndefined();
  });

  it("issues unguessable, URL-safe checkpoint tokens", () => {
    const source = new IdSource();
    const tokens = new Set(Array.from({ length: 100 }, () => source.token()));
    expect(tokens.size).toBe(100);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("makes the same ids, one after another, from the same seed", () => {
    const ids = (source: IdSource) => [source.uuid(), source.token(), source.uuid()];
    const first = ids(new IdSource("seed"));
    expect(ids(new IdSource("seed"))).toEqual(first);
    expect(ids(new IdSource("other"))).not.toEqual(first);
    expect(new Set(first).size).toBe(3);
    expect(first[0]).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it.each([
    ["orders", { name: "orders" }],
    ["orders:live", { name: "orders", qualifier: "live" }],
    ["arn:aws:lambda:us-east-1:123456789012:function:orders", { name: "orders" }],
    [
      "arn:aws:lambda:us-east-1:123456789012:function:orders:$LATEST",
      { name: "orders", qualifier: "$LATEST" },
    ],
    ["arn:aws:lambda:us-east-1:123456789012:function:orders:7", { name: "orders", qualifier: "7" }],
    ["arn:aws:lambda:eu-west-1:123456789012:function:orders", undefined],
    ["arn:aws:lambda:us-east-1:210987654321:function:orders", undefined],
    ["two words", undefined],
  ])("reads the chained invoke target %s", (target, expected) => {
    expect(invokeTargetOf(target, "us-east-1", "123456789012")).toEqual(expected);
  });

  it("derives a stable, valid execution name from the calling operation", () => {
    const name = chainedExecutionName("arn:caller", "c4ca4238a0b92382");
    expect(name).toMatch(/^invoke-[0-9a-f]{40}$/);
    expect(chainedExecutionName("arn:caller", "c4ca4238a0b92382")).toBe(name);
    expect(chainedExecutionName("arn:caller", "c81e728d9d4c2f63")).not.toBe(name);
    expect(chainedExecutionName("arn:other", "c4ca4238a0b92382")).not.toBe(name);
  });

  it("derives callback ids of 192 bits, base64url, one per operation", () => {
    const source = new IdSource();
    const ids = new Set(
      Array.from({ length: 1000 }, (_, i) => source.callbackId("arn:caller", `op-${i}`)),
    );
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it("derives the same ids in a copy and different ids from another secret", () => {
    const source = new IdSource();
    expect(source.copy().callbackId("arn:a", "op")).toBe(source.callbackId("arn:a", "op"));
    expect(new IdSource().callbackId("arn:a", "op")).not.toBe(source.callbackId("arn:a", "op"));
    expect(source.callbackId("arn:a", "op")).not.toBe(source.callbackId("arn:b", "op"));
  });

  it("derives execution ids shaped like UUIDs", () => {
    const { executionId, executionOperationId } = new IdSource().executionIds("arn:fn", "name", 1);
    expect(executionId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(executionOperationId).not.toBe(executionId);
  });
});
