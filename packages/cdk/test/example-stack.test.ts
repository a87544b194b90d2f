import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildExample } from "@durable-examples/scripts/build-example.mjs";
import { readExampleDeployment } from "@durable-examples/scripts/lib/example-deploy.mjs";
import { App, Duration, Stack } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { addExampleStack, DurableExampleFunction, listExamples } from "../src/index.js";

const examplesDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "examples");
const durablePolicy = Match.objectLike({
  "Fn::Join": [
    "",
    Match.arrayWith([":iam::aws:policy/service-role/AWSLambdaBasicDurableExecutionRolePolicy"]),
  ],
});

/**
 * The app's stack for one example. Inlining the AWS SDK is most of a bundle's cost (a second a
 * bundle, far more on a loaded machine) and changes nothing in the template, so only the test
 * that checks the bundle itself inlines it.
 */
async function synthesize(example: unknown, bundleOptions = { externalAwsSdk: true }) {
  const app = new App({ context: { example } });
  return Template.fromStack(await addExampleStack(app, examplesDir, bundleOptions));
}

/** The zips staged in a cloud assembly: the code its functions deploy. */
function stagedZips(assemblyDir: string) {
  return readdirSync(assemblyDir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".zip"))
    .map((file) => readFileSync(join(assemblyDir, file)));
}

describe("the CDK app", () => {
  // Two bundles with the AWS SDK inlined: tens of seconds on a loaded 2-core machine.
  const bundleTimeout = { timeout: 180_000 };

  it(
    "deploys the bundle pnpm build makes, with the AWS SDK it was tested with",
    bundleTimeout,
    async () => {
      const app = new App({ context: { example: "01-hello-step" } });
      await addExampleStack(app, examplesDir);
      const assembly = app.synth();
      const built = await buildExample(join(examplesDir, "01-hello-step"), {
        outDir: mkdtempSync(join(tmpdir(), "cdk-test-")),
      });

      expect(stagedZips(assembly.directory)).toEqual([readFileSync(built.zipPath)]);
      expect(built.breakdown.awsSdk).toBeGreaterThan(0);
    },
  );

  it.each(listExamples(examplesDir))("synthesizes %s as its package.json says", async (example) => {
    const deployment = readExampleDeployment(join(examplesDir, example));
    const template = await synthesize(example);
    const durable = [deployment.main, ...deployment.callees].filter((fn) => fn.durable);
    const plain = deployment.callees.filter((fn) => !fn.durable);

    for (const fn of durable) {
      template.hasResourceProperties("AWS::Lambda::Function", {
        FunctionName: fn.name,
        Handler: fn.handler,
        Runtime: "nodejs22.x",
        DurableConfig: {
          ExecutionTimeout: deployment.executionTimeoutSeconds,
          RetentionPeriodInDays: deployment.retentionDays,
        },
      });
    }
    for (const fn of plain) {
      template.hasResourceProperties("AWS::Lambda::Function", {
        FunctionName: fn.name,
        Handler: fn.handler,
        DurableConfig: Match.absent(),
      });
    }
    if (deployment.invokesItself) {
      const statements = Object.values(template.findResources("AWS::IAM::Policy")).flatMap(
        (policy) => policy.Properties.PolicyDocument.Statement,
      );
      expect(JSON.stringify(statements)).toContain(`:function:${deployment.main.name}:live`);
    }
    template.resourceCountIs("AWS::Lambda::Function", durable.length + plain.length);
    template.resourceCountIs("AWS::Lambda::Version", durable.length);
    template.resourcePropertiesCountIs("AWS::Lambda::Alias", { Name: "live" }, durable.length);
    template.resourcePropertiesCountIs(
      "AWS::IAM::Role",
      { ManagedPolicyArns: [durablePolicy] },
      durable.length,
    );
  });

  it("points the alias at the published version of the function", async () => {
    const template = await synthesize("01-hello-step");
    const [versionId] = Object.keys(template.findResources("AWS::Lambda::Version"));

    template.hasResourceProperties("AWS::Lambda::Alias", {
      Name: "live",
      FunctionVersion: { "Fn::GetAtt": [versionId, "Version"] },
    });
    template.hasOutput("InvokeArn", {});
  });

  it("lets the caller invoke the functions it calls, and nothing else", async () => {
    const template = await synthesize("07-invoke");
    const policies = Object.values(template.findResources("AWS::IAM::Policy"));
    const statements = policies.flatMap((policy) => policy.Properties.PolicyDocument.Statement);

    expect(statements.map((statement) => statement.Action)).toEqual([
      "lambda:InvokeFunction",
      "lambda:InvokeFunction",
    ]);
    expect(JSON.stringify(statements)).toContain("paymentsAlias");
    expect(JSON.stringify(statements)).toContain("taxcalculator");
  });

  it("refuses an app without an example, listing the ones it can deploy", async () => {
    await expect(synthesize(undefined)).rejects.toThrow(
      /^Failed to synthesize: name the example to deploy with -c example=<folder>, got none\. Examples: 01-hello-step, 02-retries, /,
    );
  });

  it("refuses an example that does not exist", async () => {
    await expect(synthesize("99-nothing")).rejects.toThrow('got "99-nothing". Examples:');
  });
});

describe("DurableExampleFunction", () => {
  it("refuses a bundle that was not built, saying how to build it", async () => {
    expect(
      () =>
        new DurableExampleFunction(new Stack(), "Missing", {
          zipPath: "/nowhere/function.zip",
          functionName: "missing",
          executionTimeout: Duration.minutes(15),
        }),
    ).toThrow(
      "missing: the bundle /nowhere/function.zip does not exist. Build it with build-example " +
        "(pnpm build in the example's folder) first.",
    );
  });
});
