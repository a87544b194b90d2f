import { describe, expect, it } from "vitest";
import { executionArn, functionArn, functionNameOf, newCheckpointToken } from "../src/ids.js";

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
    const tokens = new Set(Array.from({ length: 100 }, () => newCheckpointToken()));
    expect(tokens.size).toBe(100);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
