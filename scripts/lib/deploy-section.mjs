// The commands of an example README's Deploy section, the CDK way and the AWS CLI way, written
// from the same package.json fields the CDK app reads (lib/example-deploy.mjs), so the two ways
// deploy the same functions with the same settings. example-index keeps them up to date.
import { ScriptError } from "./cli.mjs";
import { ALIAS, INVOCATION_TIMEOUT_SECONDS, LAMBDA_RUNTIME } from "./example-deploy.mjs";

export const DEPLOY_START = "<!-- deploy:start -->";
export const DEPLOY_END = "<!-- deploy:end -->";
/** aws-cli's CHANGELOG: 2.32.8 is the first v2 release with Lambda durable functions. */
export const AWS_CLI_VERSION = "2.32.8";
/** The execution name the CLI way starts with, so the commands after it can find it. */
export const EXECUTION_NAME = "first-run";

/**
 * The generated part of a Deploy section, markers included.
 * @param {import("./example-deploy.mjs").ExampleDeployment} deployment
 * @returns {string}
 * @example renderDeploySection(readExampleDeployment("examples/01-hello-step"))
 */
export function renderDeploySection(deployment) {
  const { folder, callees } = deployment;
  const durableConfig = JSON.stringify({
    ExecutionTimeout: deployment.executionTimeoutSeconds,
    RetentionPeriodInDays: deployment.retentionDays,
  });
  const lines = ["pnpm build"];
  for (const fn of [...callees, deployment.main]) {
    lines.push(
      `aws lambda create-function --function-name ${fn.name} \\`,
      `  --runtime ${LAMBDA_RUNTIME} --handler ${fn.handler} --zip-file fileb://dist/function.zip \\`,
      `  --role "$LAMBDA_ROLE_ARN" --timeout ${INVOCATION_TIMEOUT_SECONDS}${fn.durable ? " \\" : ""}`,
    );
    if (!fn.durable) continue;
    lines.push(
      `  --durable-config '${durableConfig}'`,
      `aws lambda wait function-active-v2 --function-name ${fn.name}`,
      `VERSION=$(aws lambda publish-version --function-name ${fn.name} --query Version --output text)`,
      `aws lambda create-alias --function-name ${fn.name} --name ${ALIAS} --function-version "$VERSION"`,
    );
  }
  lines.push(
    `aws lambda invoke --function-name ${folder}:${ALIAS} --invocation-type Event \\`,
    `  --durable-execution-name ${EXECUTION_NAME} --cli-binary-format raw-in-base64-out \\`,
    `  --payload ${shellQuote(JSON.stringify(deployment.input))} /dev/null`,
    // Unqualified, ListDurableExecutionsByFunction lists $LATEST's executions only.
    `ARN=$(aws lambda list-durable-executions-by-function --function-name ${folder} --qualifier ${ALIAS} \\`,
    `  --durable-execution-name ${EXECUTION_NAME} --query 'DurableExecutions[0].DurableExecutionArn' --output text)`,
    `aws lambda get-durable-execution --durable-execution-arn "$ARN" --query '[Status, Result]'`,
  );
  const invoked = callees.map((fn) => fn.name);
  if (deployment.invokesItself) invoked.push(`${folder}:${ALIAS}`);
  const invokes =
    invoked.length === 0
      ? ""
      : `\n\n${wrap(
          `The role also needs \`lambda:InvokeFunction\` on ${invoked
            .map((name) => `\`${name}\``)
            .join(" and ")}, which the handler invokes.`,
        )}`;
  return `${DEPLOY_START}
<!-- Written by pnpm example-index from package.json (durableExample); change it there. -->

With the CDK app in [\`packages/cdk\`](../../packages/cdk), which bundles the example and deploys
the role, the function with its \`DurableConfig\`, a published version and the \`${ALIAS}\` alias
(\`cdk bootstrap\` once per account and region first):

\`\`\`sh
pnpm --filter @durable-examples/cdk exec cdk bootstrap -c example=${folder}
pnpm --filter @durable-examples/cdk exec cdk deploy -c example=${folder}
\`\`\`

With the AWS CLI, ${AWS_CLI_VERSION} or later (the first with \`--durable-config\` and the durable
execution commands), and \`LAMBDA_ROLE_ARN\` a role with the managed policy
\`AWSLambdaBasicDurableExecutionRolePolicy\`
([how to make one](../../packages/cdk/README.md#a-role-for-the-cli)).${invokes}

\`\`\`sh
${lines.join("\n")}
\`\`\`
${DEPLOY_END}`;
}

/** Prose at the README's width of 100 columns. @param {string} text */
function wrap(text, width = 100) {
  const lines = [""];
  for (const word of text.split(" ")) {
    const last = lines.length - 1;
    if (lines[last] === "") lines[last] = word;
    else if (`${lines[last]} ${word}`.length <= width) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  return lines.join("\n");
}

/** @param {string} text */
function shellQuote(text) {
  return `'${text.replaceAll("'", "'\\''")}'`;
}

/**
 * Returns `readme` with its generated Deploy commands replaced by `section`. A README without the
 * markers gets them right under its `## Deploy` heading (or a new Deploy section before
 * `## Next`), and what it already had there is kept below them for its author to trim.
 * @param {string} readme @param {string} section @param {string} name how to call the file in errors
 * @returns {string}
 */
export function replaceDeploySection(readme, section, name) {
  const start = readme.indexOf(DEPLOY_START);
  const end = readme.indexOf(DEPLOY_END);
  if (start >= 0 && end > start && readme.indexOf(DEPLOY_START, start + 1) < 0) {
    return `${readme.slice(0, start)}${section}${readme.slice(end + DEPLOY_END.length)}`;
  }
  if (start >= 0 || end >= 0) {
    throw new ScriptError(
      `${name} must have exactly one ${DEPLOY_START}, followed by ${DEPLOY_END}, in its Deploy ` +
        "section; remove them both and pnpm example-index writes them again.",
    );
  }
  const heading = readme.match(/^## Deploy[^\n]*\n/m);
  if (heading?.index !== undefined) {
    const after = heading.index + heading[0].length;
    return `${readme.slice(0, after)}\n${section}\n${readme.slice(after)}`;
  }
  const next = readme.search(/^## Next/m);
  const at = next >= 0 ? next : readme.length;
  const before = readme.slice(0, at).replace(/\n*$/, "\n\n");
  return `${before}## Deploy\n\n${section}\n\n${readme.slice(at)}`;
}
