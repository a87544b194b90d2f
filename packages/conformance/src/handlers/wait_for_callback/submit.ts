import type { CallbackSubmitter } from "@durable-examples/runtime";

/**
 * The submitter of the wait-for-callback requirements: it would hand the callback id to an
 * external system; here it only logs it, doing nothing durable. The requirements' callback
 * actions play the external system.
 */
export const submitCallbackId: CallbackSubmitter = (callbackId, { logger }) => {
  logger.info(`submitted callback ${callbackId}`);
};
