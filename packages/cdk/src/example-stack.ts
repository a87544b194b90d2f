import {
  ALIAS,
  type ExampleDeployment,
  INVOCATION_TIMEOUT_SECONDS,
} from "@durable-examples/scripts/lib/example-deploy.mjs";
import {
  ArnFormat,
  CfnOutput,
  Duration,
  aws_iam as iam,
  aws_lambda as lambda,
  Stack,
  type StackProps,
} from "aws-cdk-lib";
import type { Construct } from "constructs";
import { DurableExampleFunction } from "./durable-example-function.js";

export interface DurableExampleStackProps extends StackProps {
  /** What the example's package.json says about deploying it. */
  readonly deployment: ExampleDeployment;
  /** The example's bundle, which serves every function it deploys. */
  readonly zipPath: string;
}

/**
 * One example: its durable function, and the functions it invokes (`durableExample.functions`),
 * which its role may invoke. A durable callee gets the alias too, since it is invoked by it. A
 * function that starts executions of itself (`deploy.invokesItself`) may invoke its own alias.
 */
export class DurableExampleStack extends Stack {
  readonly main: DurableExampleFunction;

  constructor(scope: Construct, id: string, props: DurableExampleStackProps) {
    super(scope, id, props);
    const { deployment, zipPath } = props;
    const durable = (name: string, handler: string) =>
      new DurableExampleFunction(this, name, {
        zipPath,
        functionName: name,
        handler,
        executionTimeout: Duration.seconds(deployment.executionTimeoutSeconds),
        retentionPeriod: Duration.days(deployment.retentionDays),
      });

    this.main = durable(deployment.main.name, deployment.main.handler);
    for (const callee of deployment.callees) {
      if (callee.durable) {
        durable(callee.name, callee.handler).alias.grantInvoke(this.main.role);
      } else {
        new lambda.Function(this, callee.name, {
          functionName: callee.name,
          runtime: lambda.Runtime.NODEJS_22_X,
          handler: callee.handler,
          code: lambda.Code.fromAsset(zipPath),
          timeout: Duration.seconds(INVOCATION_TIMEOUT_SECONDS),
        }).grantInvoke(this.main.role);
      }
    }
    if (deployment.invokesItself) {
      // A formatted ARN, not the alias's: the role's policy must not depend on the function.
      const ownAlias = this.formatArn({
        service: "lambda",
        resource: "function",
        resourceName: `${deployment.main.name}:${ALIAS}`,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      });
      this.main.role.addToPolicy(
        new iam.PolicyStatement({ actions: ["lambda:InvokeFunction"], resources: [ownAlias] }),
      );
    }
    new CfnOutput(this, "InvokeArn", {
      description: "Invoke this qualified ARN (the alias) to start an execution.",
      value: this.main.alias.functionArn,
    });
  }
}
