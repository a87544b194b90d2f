import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

/**
 * 7-3 Wait-for-callback with only a submitter: no name, so the operation has no Name; the inline
 * submitter does nothing durable.
 */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  return await context.waitForCallback(async (callbackId, { logger }) => {
    logger.info(`submitted callback ${callbackId}`);
  });
});
