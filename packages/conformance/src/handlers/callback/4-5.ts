import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

/**
 * 4-5 Heartbeat keeps the callback alive: a callback with a 10-second heartbeat timeout gets a
 * heartbeat, then a success; the handler returns the answer.
 */
export const handler = withDurableExecution(async (event: string, context: DurableContext) => {
  const [answer] = await context.createCallback(event, { heartbeatTimeout: { seconds: 10 } });
  return await answer;
});
