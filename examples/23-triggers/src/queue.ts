import { InvokeCommand } from "@aws-sdk/client-lambda";
import type { SQSBatchItemFailure, SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import { parseOrder } from "./order.js";
import type { WorkflowTarget } from "./target.js";

/**
 * An SQS event source in front of the workflow: one execution per message, named after the
 * message id, so a message SQS delivers again finds the execution it started. The batch answers
 * which messages failed (`ReportBatchItemFailures`): only those are delivered again, and after
 * the queue's `maxReceiveCount` they go to its dead-letter queue.
 */
export function createQueueHandler({ lambda, functionName, qualifier }: WorkflowTarget) {
  const start = async (record: SQSRecord) => {
    const order = parseOrder(record.body, "The message body");
    await lambda.send(
      new InvokeCommand({
        FunctionName: functionName,
        Qualifier: qualifier,
        InvocationType: "Event",
        DurableExecutionName: record.messageId,
        Payload: JSON.stringify(order),
      }),
    );
  };

  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const outcomes = await Promise.allSettled(event.Records.map(start));
    const batchItemFailures: SQSBatchItemFailure[] = [];
    outcomes.forEach((outcome, index) => {
      if (outcome.status === "fulfilled") return;
      const { messageId } = event.Records[index]!;
      const reason =
        outcome.reason instanceof Error ? outcome.reason : new Error(String(outcome.reason));
      // Logged, never dropped: the message comes back, and the log says why.
      console.error(
        JSON.stringify({
          level: "ERROR",
          message: "order not started",
          messageId,
          error: `${reason.name}: ${reason.message}`,
        }),
      );
      batchItemFailures.push({ itemIdentifier: messageId });
    });
    return { batchItemFailures };
  };
}
