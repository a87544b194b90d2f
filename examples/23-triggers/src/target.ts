import type { LambdaClient } from "@aws-sdk/client-lambda";

/** The durable function a trigger starts, and the client it starts it with. */
export interface WorkflowTarget {
  lambda: LambdaClient;
  functionName: string;
  /** An alias or version: a durable function is invoked qualified, so replays run the same code. */
  qualifier: string;
}
