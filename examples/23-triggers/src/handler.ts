import { LambdaClient } from "@aws-sdk/client-lambda";
import { createApiHandler } from "./api.js";
import { orderFlow } from "./order-flow.js";
import { createQueueHandler } from "./queue.js";
import type { WorkflowTarget } from "./target.js";

/** The workflow, deployed as the durable function (`index.handler`). */
export const handler = orderFlow;

const target: WorkflowTarget = {
  lambda: new LambdaClient({}),
  functionName: process.env.ORDER_FLOW_FUNCTION ?? "order-flow",
  qualifier: "live",
};

/** The HTTP API trigger, deployed from the same zip as a plain function (`index.apiHandler`). */
export const apiHandler = createApiHandler(target);

/** The SQS trigger, deployed from the same zip as a plain function (`index.queueHandler`). */
export const queueHandler = createQueueHandler(target);
