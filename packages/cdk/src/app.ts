// The CDK app: `cdk deploy -c example=01-hello-step` (cdk.json runs this file).
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { App } from "aws-cdk-lib";
import { addExampleStack } from "./example-app.js";

const examplesDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "examples");
const app = new App();
try {
  await addExampleStack(app, examplesDir);
} catch (error) {
  console.error(`[cdk] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
app.synth();
