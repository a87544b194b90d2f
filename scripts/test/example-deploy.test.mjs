import { describe, expect, it } from "vitest";
import { renderDeploySection } from "../lib/deploy-section.mjs";
import { parseExampleDeployment } from "../lib/example-deploy.mjs";

describe("parseExampleDeployment", () => {
  it("names the function after the folder and keeps the history 14 days unless told", () => {
    const deployment = parseExampleDeployment("03-wait", { deploy: { executionTimeout: 86400 } });

    expect(deployment).toMatchObject({
      executionTimeoutSeconds: 86400,
      retentionDays: 14,
      main: { name: "03-wait", handler: "index.handler", durable: true },
      callees: [],
    });
  });

  it("reads the functions it invokes, durable unless marked otherwise", () => {
    const deployment = parseExampleDeployment("07-invoke", {
      deploy: { executionTimeout: 900, retentionDays: 3 },
      functions: {
        payments: { export: "paymentsHandler" },
        tax: { export: "tax", durable: false },
      },
    });

    expect(deployment.retentionDays).toBe(3);
    expect(deployment.callees).toEqual([
      { name: "payments", handler: "index.paymentsHandler", durable: true },
      { name: "tax", handler: "index.tax", durable: false },
    ]);
  });

  it.each([0, 31_622_401, 1.5, "900", undefined])(
    "rejects an execution timeout of %s, saying what is allowed",
    (executionTimeout) => {
      expect(() => parseExampleDeployment("01-a", { deploy: { executionTimeout } })).toThrow(
        "a whole number from 1 to 31622400 (366 days), got",
      );
    },
  );

  it("rejects a retention outside 1 to 90 days", () => {
    expect(() =>
      parseExampleDeployment("01-a", { deploy: { executionTimeout: 900, retentionDays: 91 } }),
    ).toThrow("a whole number from 1 to 90 (default 14), got 91.");
  });

  it("rejects a function name Lambda would not accept", () => {
    expect(() =>
      parseExampleDeployment("01-a", {
        deploy: { executionTimeout: 900 },
        functions: { "tax calculator": { export: "tax" } },
      }),
    ).toThrow('durableExample.functions["tax calculator"] must be a Lambda function name');
  });
});

describe("renderDeploySection", () => {
  const section = (meta) =>
    renderDeploySection(
      parseExampleDeployment("07-invoke", { deploy: { executionTimeout: 900 }, ...meta }),
    );

  it("creates the callees before the function that invokes them, and a plain one without durability", () => {
    const text = section({
      functions: { payments: { export: "pay" }, tax: { export: "tax", durable: false } },
    });
    const created = [...text.matchAll(/create-function --function-name (\S+)/g)].map((m) => m[1]);

    expect(created).toEqual(["payments", "tax", "07-invoke"]);
    expect(text.match(/--durable-config '/g)).toHaveLength(2);
    expect(text.match(/create-alias --function-name (\S+)/g)).toEqual([
      "create-alias --function-name payments",
      "create-alias --function-name 07-invoke",
    ]);
    expect(text).toContain("`lambda:InvokeFunction` on `payments` and `tax`");
  });

  it("asks for invoke permission on its own alias when the function starts executions of itself", () => {
    const text = section({ deploy: { executionTimeout: 900, invokesItself: true } });

    expect(text).toContain("`lambda:InvokeFunction` on `07-invoke:live`");
  });

  it("rejects an invokesItself that is not a boolean", () => {
    expect(() =>
      parseExampleDeployment("01-a", { deploy: { executionTimeout: 900, invokesItself: "yes" } }),
    ).toThrow('or false (the default), got "yes".');
  });

  it("quotes the sample input for the shell, single quotes included", () => {
    const text = section({ input: { note: "it's" } });

    expect(text).toContain(`--payload '{"note":"it'\\''s"}' /dev/null`);
  });

  it("finds the execution it started among the alias's, not $LATEST's", () => {
    const text = section({});

    expect(text).toContain(
      "list-durable-executions-by-function --function-name 07-invoke --qualifier live",
    );
  });

  it("invokes the alias and says which AWS CLI release it needs", () => {
    const text = section({});

    expect(text).toContain(
      "aws lambda invoke --function-name 07-invoke:live --invocation-type Event",
    );
    expect(text).toContain("2.32.8 or later");
    expect(text).toContain(
      "pnpm --filter @durable-examples/cdk exec cdk deploy -c example=07-invoke",
    );
  });
});
