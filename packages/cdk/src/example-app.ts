import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildExample } from "@durable-examples/scripts/build-example.mjs";
import { readExampleDeployment } from "@durable-examples/scripts/lib/example-deploy.mjs";
import type { App } from "aws-cdk-lib";
import { DurableExampleDeployError } from "./errors.js";
import { DurableExampleStack } from "./example-stack.js";

/** The examples that can be deployed, by folder name. */
export function listExamples(examplesDir: string): string[] {
  return readdirSync(examplesDir)
    .filter((name) => existsSync(join(examplesDir, name, "package.json")))
    .sort();
}

/** What the bundle may do differently from `pnpm build`'s (build-example's options). */
export interface BundleOptions {
  /** Leave the AWS SDK out and use the Lambda runtime's. Default false: bundle the tested one. */
  readonly externalAwsSdk?: boolean;
}

/**
 * Bundles the example named by the app's `example` context (`cdk deploy -c example=01-hello-step`)
 * with build-example, into a folder of its own so nothing else's build is touched, and adds its
 * stack, `DurableExample-<folder>`.
 */
export async function addExampleStack(
  app: App,
  examplesDir: string,
  bundleOptions: BundleOptions = {},
): Promise<DurableExampleStack> {
  const examples = listExamples(examplesDir);
  const example: unknown = app.node.tryGetContext("example");
  if (typeof example !== "string" || !examples.includes(example)) {
    const got = example === undefined ? "none" : JSON.stringify(example);
    throw new DurableExampleDeployError(
      `Failed to synthesize: name the example to deploy with -c example=<folder>, got ${got}. ` +
        `Examples: ${examples.join(", ")}.`,
    );
  }
  const exampleDir = join(examplesDir, example);
  const deployment = readExampleDeployment(exampleDir);
  const outDir = mkdtempSync(join(tmpdir(), `cdk-${example}-`));
  const { zipPath } = await buildExample(exampleDir, { ...bundleOptions, outDir });
  return new DurableExampleStack(app, `DurableExample-${example}`, { deployment, zipPath });
}
