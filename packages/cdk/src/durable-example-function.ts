import { existsSync } from "node:fs";
import {
  ALIAS,
  DEFAULT_RETENTION_DAYS,
  INVOCATION_TIMEOUT_SECONDS,
} from "@durable-examples/scripts/lib/example-deploy.mjs";
import { Annotations, Duration, aws_iam as iam, aws_lambda as lambda } from "aws-cdk-lib";
import { Construct } from "constructs";
import { DurableExampleDeployError } from "./errors.js";

/**
 * The AWS managed policy a durable function's role needs: CloudWatch Logs, and
 * `lambda:CheckpointDurableExecution` and `lambda:GetDurableExecutionState` for its checkpoints.
 */
export const DURABLE_EXECUTION_POLICY = "service-role/AWSLambdaBasicDurableExecutionRolePolicy";

export interface DurableExampleFunctionProps {
  /** The deployment zip build-example writes (`dist/function.zip`, with `index.mjs` in it). */
  readonly zipPath: string;
  readonly functionName: string;
  /** The bundle export Lambda calls. Default `index.handler`. */
  readonly handler?: string;
  /** How long an execution may run in all, across every wait: 1 second to 366 days. */
  readonly executionTimeout: Duration;
  /** How long an ended execution's history is kept, in whole days from 1 to 90. Default 14 days. */
  readonly retentionPeriod?: Duration;
  /** The alias executions start through, so each stays on the version it started on. Default `live`. */
  readonly aliasName?: string;
}

/**
 * A Lambda durable function: the bundle on `nodejs22.x` with a `DurableConfig`, a role with the
 * durable execution managed policy, a published version and an alias on it. Invoke the alias:
 * an execution replays on the version it started on, so a new deploy publishes a new version
 * and moves the alias, and executions in flight finish on their old code.
 *
 * @example
 * new DurableExampleFunction(stack, "HelloStep", {
 *   zipPath: "examples/01-hello-step/dist/function.zip",
 *   functionName: "01-hello-step",
 *   executionTimeout: Duration.minutes(15),
 * });
 */
export class DurableExampleFunction extends Construct {
  readonly role: iam.Role;
  readonly function: lambda.Function;
  readonly version: lambda.Version;
  readonly alias: lambda.Alias;

  constructor(scope: Construct, id: string, props: DurableExampleFunctionProps) {
    super(scope, id);
    if (!existsSync(props.zipPath)) {
      throw new DurableExampleDeployError(
        `${props.functionName}: the bundle ${props.zipPath} does not exist. Build it with ` +
          "build-example (pnpm build in the example's folder) first.",
      );
    }
    this.role = new iam.Role(this, "Role", {
      assumedBy: new iam.ServicePrincipal("lambda.amazonaws.com"),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName(DURABLE_EXECUTION_POLICY)],
    });
    this.function = new lambda.Function(this, "Function", {
      functionName: props.functionName,
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: props.handler ?? "index.handler",
      code: lambda.Code.fromAsset(props.zipPath),
      role: this.role,
      timeout: Duration.seconds(INVOCATION_TIMEOUT_SECONDS),
      durableConfig: {
        executionTimeout: props.executionTimeout,
        retentionPeriod: props.retentionPeriod ?? Duration.days(DEFAULT_RETENTION_DAYS),
      },
    });
    Annotations.of(this.function).acknowledgeInfo(
      "aws-lambda:Function.DurableConfig",
      "Durable from its first deploy: no existing function is replaced.",
    );
    // currentVersion publishes a new version whenever the code or configuration changes.
    this.version = this.function.currentVersion;
    this.alias = new lambda.Alias(this, "Alias", {
      aliasName: props.aliasName ?? ALIAS,
      version: this.version,
    });
  }
}
